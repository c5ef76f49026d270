# English (US) and any English without a region of its own here: Django's formats, plus
# weekday-and-date orders.
DAY_DATE_FORMAT = "l, F j"  # Tuesday, December 1
SHORT_DAY_DATE_FORMAT = "D, M j"  # Tue, Dec 1
DAY_DATE_TIME_FORMAT = "l, F j, P"  # Tuesday, December 1, 6:30 p.m.
SHORT_DAY_DATE_TIME_FORMAT = "D, M j, P"  # Tue, Dec 1, 6:30 p.m.
SHORT_DAY_DATE_YEAR_TIME_FORMAT = "D, M j, Y, P"  # Tue, Dec 1, 2026, 6:30 p.m.
