"""Property-based tests (hypothesis): hostile input to every core write is stored in normal form or refused cleanly.

Every write reachable from :class:`carecenter.facade.CareCenter` that takes input is fed
generated values (see :mod:`tests.properties.strategies`) through
:func:`tests.properties.harness.attempt`: either the write succeeds and the record read back
is exactly the documented normal form of the input (names without spaces, full-width digits
made ASCII, x → X and 15 → 18 digits in ID numbers, text trimmed, times to the minute …),
or it is refused with a Chinese message naming each refused field and the database is as
before. Any other exception fails the property. ``pytest -v`` lists the writes and counts.

Covered (by file):

* test_seniors_props: seniors.create, seniors.update, seniors.change_status
* test_care_props: health.update, assessments.record, incidents.record, incidents.update,
  care_plans.create / update_draft / sign / revise / discard / close, consent.record,
  consent.withdraw, due.set_reassess_months
* test_desk_props: visits.record / plan / complete / update / miss / cancel / void,
  calls.log (with an incident too) / update / close / void, activities.create / update /
  set_attendance / add_attendee / remove_attendee / void, attendance.check_in / check_out /
  correct_times / void
* test_meals_props: subsidies.set_meal_price, meals.set_menu / order / update_order /
  cancel_order / serve / void_serving / top_up / void_top_up
* test_birthdays_props: birthdays.create / update / refresh_invitations / add_guest /
  set_attendance / remove_guest / restore_guest
* test_admin_props: centers.create / set_print_full_ids / set_count_xusui, staff.create /
  update / set_active, accounts.create_first_admin / add_user / create_account /
  change_own_password / reset_password / set_role / disable / enable / login (unknown
  accounts), catalogue.add / rename / retire / restore / move, subsidies.add_version,
  subsidy_rosters.approve, audit.record_disclosure
* test_roster_props: rosters.import_seniors (dry run and real) on random spreadsheets

Not covered here: writes without user input (subsidies.ensure_default_policy), and those
that write files rather than records (exports, printouts, backups, errors files).
"""
