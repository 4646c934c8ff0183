"""助餐: meal menus, orders, the serving moment, the prepaid meal balance, totals and statements (``cc.meals``)."""
