"""Word lists of the demo front desk: what a Zhengzhou day-care center cooks, does at home visits, hears on the phone.

Plain data for :mod:`carecenter.demo_desk`; the texts are stored as typed at the desk
(Chinese, like every record 民政 reads). Nothing here touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass

from carecenter.domain.desk_vocab import ActivityKind, CallerKind, Urgency

# ---- meals ---------------------------------------------------------------------------------------

LUNCH_MENUS = (
    "红烧鸡块、清炒油麦菜、西红柿鸡蛋汤、米饭",
    "土豆烧牛肉、醋溜白菜、紫菜蛋花汤、米饭",
    "清蒸鲈鱼、蒜蓉西兰花、冬瓜虾皮汤、米饭",
    "肉末茄子、香菇青菜、小米粥、馒头",
    "黄焖鸡、凉拌黄瓜、丝瓜鸡蛋汤、米饭",
    "胡萝卜炖羊肉、清炒莴笋丝、玉米面粥、花卷",
    "烩面（羊肉汤底）、凉拌三丝、卤鸡蛋",
    "鱼香肉丝、蒜蓉油麦菜、豆腐汤、米饭",
    "西葫芦炒鸡蛋、红烧豆腐、南瓜小米粥、馒头",
    "木须肉、手撕包菜、番茄豆腐汤、米饭",
    "蒸肉丸子、清炒山药、青菜豆腐汤、米饭",
    "胡辣汤、水煎包、拌菠菜",
    "萝卜炖排骨、醋溜土豆丝、绿豆粥、馒头",
    "芹菜炒香干、糖醋里脊（少糖）、冬瓜汤、米饭",
    "卤面、黄瓜拌木耳、紫菜汤",
    "宫保鸡丁（不辣）、蒜蓉空心菜、鸡蛋羹、米饭",
    "红烧带鱼、炒三丁、白菜豆腐汤、米饭",
    "饺子（猪肉白菜馅）、拌海带丝、饺子汤",
)
HALAL_DISHES = ("清炖牛肉", "葱爆羊肉", "牛肉烩面", "孜然羊肉", "番茄炖牛腩", "羊肉胡萝卜饺子", "清真烧鸡")
HALAL_NOTE = "；清真窗口：{dish}"
ORDER_NOTES = ("少盐", "米饭软一点", "不要辣", "多放汤", "饭菜切碎一点")
ORDER_CANCEL_REASONS = (
    "家属来电：今天去医院复查，不来吃饭",
    "老人临时感冒，在家休息",
    "女儿接回家吃饭",
    "家里来客人，不用送餐",
    "老人住院，暂停订餐",
)
SERVING_VOID_REASONS = (
    "选错老人（同姓），已为本人重新登记",
    "重复登记，误记一份",
    "扫错会员卡，实际未用餐",
)
TOP_UP_NOTES = ("月初预存餐费", "女儿代交", "儿子微信转账代交", "")
LOW_BALANCE_NOTE = "余额不足，当场续存"

# ---- day care -----------------------------------------------------------------------------------

GO_HOME_ALONE = "自行回家"
EARLY_PICKUP = "（提前接走，复诊）"
CORRECTION_REASONS_OUT = (
    "昨天忘记签退，按家属接走时间补录",
    "签退时系统卡住未保存，按值班记录补录",
)
CORRECTION_REASONS_IN = (
    "老人早已到达，排队未及时签到，按实际到达时间更正",
    "签到时间录错，按登记本更正",
)
VOID_CHECK_IN_REASONS = (
    "误签到：选错同姓老人，已为本人重新签到",
    "扫错会员卡，该老人今天未到中心",
)

# ---- home visits (九助) ---------------------------------------------------------------------------

# service code -> what the visit sheet says was done
WORK_DONE: dict[str, tuple[str, ...]] = {
    "cleaning": (
        "打扫卧室、厨房，清洗油烟机",
        "擦窗户、拖地，整理衣柜",
        "清洁卫生间，换洗床单被罩",
        "打扫客厅和厨房，清理冰箱过期食品",
        "倒垃圾，擦洗灶台和抽油烟机",
    ),
    "bathing": (
        "协助洗澡、洗头，修剪指甲",
        "上门助浴，擦身换衣，检查皮肤无压红",
        "协助淋浴，涂润肤露，更换干净衣物",
        "洗头、剃须，修剪手脚指甲",
    ),
    "medical": (
        "陪同到社区卫生服务中心复诊，取降压药",
        "陪同到市二院复查，取化验单",
        "测血压、血糖，提醒按时服药",
        "陪同做眼科检查，帮助挂号取药",
    ),
    "mobility": (
        "陪同到公园散步，练习扶拐行走",
        "陪同去银行办理业务",
        "推轮椅陪同外出晒太阳",
    ),
    "emergency": ("上门查看老人情况，协助联系家属", "接到呼叫后上门，协助老人起身并测血压"),
    "shopping": (
        "代购米面油和蔬菜水果",
        "陪同到超市购物，代购降压药",
        "代买生活用品（纸巾、洗衣液）",
    ),
    "recreation": ("上门陪聊，读报纸", "陪老人下象棋、聊家常", "陪同参加社区戏曲演出"),
    "learning": ("教老人使用智能手机视频通话", "教老人用微信支付和健康码", "陪老人练习书法"),
}
GENERIC_WORK = ("上门服务，老人满意",)
# service code -> (shortest, longest) minutes of a visit
VISIT_MINUTES: dict[str, tuple[int, int]] = {
    "cleaning": (60, 120),
    "bathing": (40, 90),
    "medical": (60, 120),
    "mobility": (30, 90),
    "emergency": (30, 60),
    "shopping": (30, 75),
    "recreation": (30, 60),
    "learning": (30, 60),
}
AD_HOC_TYPES = ("shopping", "recreation", "mobility", "medical", "learning")
MISSED_REASONS = ("家中无人，电话未接通", "老人住院，家属未提前告知", "老人外出未归", "敲门无人应答，已联系家属")
CANCEL_REASONS = ("家属来电取消，本周子女在家照顾", "老人住院", "老人身体不适，改期", "老人随子女外出")
PLANNED_NOTES = ("电话预约", "家属预约", "按照护计划安排")

# ---- calls (助急 / 呼叫) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CallScene:
    """One kind of call: who rings, why (``{name}``: the senior), what the desk did, how it was closed.

    ``follow_up_days`` keeps a normal call open until that many days after it came in.
    """

    caller: CallerKind
    urgency: Urgency
    reason: str
    action: str
    closing: str
    follow_up_days: int | None = None
    weight: float = 1.0


CALL_SCENES = (
    CallScene(
        CallerKind.FAMILY,
        Urgency.NORMAL,
        "家属来电询问明天中午的菜单，想给{name}订一份午餐",
        "告知菜单，已订明天午餐",
        "",
        weight=3,
    ),
    CallScene(
        CallerKind.FAMILY,
        Urgency.NORMAL,
        "家属来电：{name}这周在医院复查，暂停送餐",
        "已取消本周订餐，记录在交班本",
        "出院后家属来电恢复订餐",
        follow_up_days=2,
        weight=2,
    ),
    CallScene(
        CallerKind.NEIGHBOUR,
        Urgency.NORMAL,
        "邻居反映{name}两天没下楼买菜，担心身体",
        "社工电话联系老人未接通，安排下午上门",
        "社工上门查看，老人感冒在家休息，已送药并嘱咐多喝水",
        follow_up_days=0,
        weight=2,
    ),
    CallScene(
        CallerKind.NEIGHBOUR,
        Urgency.URGENT,
        "邻居反映{name}家里一天没开灯，敲门无人应答",
        "联系家属，社工和网格员一起上门",
        "老人在家睡觉，助听器没戴没听见；已提醒家属常打电话",
        weight=1,
    ),
    CallScene(
        CallerKind.SENIOR,
        Urgency.URGENT,
        "{name}按一键呼叫：头晕、胸口发闷",
        "护理员 10 分钟内到家，测血压 170/100，通知家属",
        "家属陪同到社区医院就诊，已调整降压药，情况稳定",
        weight=1,
    ),
    CallScene(
        CallerKind.SENIOR,
        Urgency.NORMAL,
        "{name}按一键呼叫：误按，老人说没事",
        "电话回访确认平安，再次讲解呼叫器用法",
        "",
        weight=2,
    ),
    CallScene(
        CallerKind.SENIOR,
        Urgency.NORMAL,
        "{name}来电预约下周助浴",
        "已登记，安排护理员上门",
        "护理员已与老人约好时间",
        follow_up_days=1,
        weight=2,
    ),
    CallScene(
        CallerKind.SENIOR,
        Urgency.NORMAL,
        "{name}询问高龄津贴什么时候到账",
        "告知每月中旬发放到社保卡",
        "",
        weight=1,
    ),
    CallScene(
        CallerKind.FAMILY,
        Urgency.NORMAL,
        "家属询问{name}本月生日会的时间",
        "告知时间地点，家属表示会陪同参加",
        "",
        weight=1,
    ),
    CallScene(
        CallerKind.OTHER,
        Urgency.NORMAL,
        "社区网格员来电：{name}家楼道灯坏了，老人晚上出门不便",
        "已报物业维修",
        "物业已更换楼道灯",
        follow_up_days=1,
        weight=1,
    ),
)
OPEN_URGENT = CallScene(
    CallerKind.NEIGHBOUR,
    Urgency.URGENT,
    "邻居反映独居的{name}今天一直没出门，电话也打不通",
    "已联系家属，社工正在赶往老人家中",
    "",
    follow_up_days=0,
)
FALL_CALL = CallScene(
    CallerKind.FAMILY,
    Urgency.URGENT,
    "家属来电：{name}在家中卫生间滑倒，右手腕肿痛",
    "护理员上门协助，联系 120 送医",
    "拍片为桡骨远端轻微骨裂，已打石膏回家；建议卫生间加装扶手",
)
NEIGHBOURS = ("楼下王大姐", "对门李师傅", "邻居张阿姨", "隔壁刘大爷", "同楼赵阿姨")
OTHER_CALLERS = ("社区网格员李娜", "物业值班员", "社区卫生服务站护士")
FALL_INCIDENT = ("在家中卫生间滑倒，右手腕着地肿痛", "护理员上门协助，家属陪同到医院拍片，已打石膏")

# ---- activities ---------------------------------------------------------------------------------

# (kind, title, place, notes)
ACTIVITIES: tuple[tuple[ActivityKind, str, str, str], ...] = (
    (ActivityKind.RECREATION, "太极拳", "一楼大厅", "志愿者老师带练二十四式太极拳"),
    (ActivityKind.RECREATION, "老年合唱团排练", "二楼多功能活动室", "排练《我和我的祖国》"),
    (ActivityKind.RECREATION, "书法兴趣小组", "书画室", "临摹颜体楷书"),
    (ActivityKind.RECREATION, "象棋比赛", "棋牌室", "淘汰赛，前三名发纪念品"),
    (ActivityKind.RECREATION, "豫剧欣赏会", "二楼多功能活动室", "社区戏迷协会演出《花木兰》选段"),
    (ActivityKind.HEALTH_TALK, "高血压防治讲座", "二楼多功能活动室", "社区卫生服务中心医生主讲，讲后免费测血压"),
    (ActivityKind.HEALTH_TALK, "糖尿病饮食讲座", "二楼多功能活动室", "营养师讲解控糖饮食"),
    (ActivityKind.HEALTH_TALK, "冬季防跌倒讲座", "一楼大厅", "康复师示范居家防跌倒动作"),
    (ActivityKind.REHAB, "康复操", "康复训练室", "护理员带领做肩颈、腰腿康复操"),
    (ActivityKind.REHAB, "八段锦", "一楼大厅", "康复师带练"),
    (ActivityKind.REHAB, "手指操和握力训练", "康复训练室", "预防手部僵硬"),
    (ActivityKind.LEARNING, "智能手机使用课", "电子阅览室", "教微信视频、扫码乘车"),
    (ActivityKind.LEARNING, "防范养老诈骗讲座", "二楼多功能活动室", "派出所民警讲解常见骗局"),
    (ActivityKind.VOLUNTEER, "志愿者义务理发", "一楼大厅", "理发店志愿者上门服务"),
)
ACTIVITY_STARTS = ((9, 30), (10, 0), (14, 30), (15, 0))

# ---- staff for a center the demo's team does not cover -------------------------------------------

EXTRA_COURIERS = ("刘志强", "周桂芳", "郭建伟", "马晓燕")
