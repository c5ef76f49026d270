# French: Django's formats (24-hour clock, day before month), plus weekday-and-date orders.
DAY_DATE_FORMAT = "l j F"  # mardi 1 décembre
SHORT_DAY_DATE_FORMAT = "D j N"  # mar 1 déc.
DAY_DATE_TIME_FORMAT = "l j F, H:i"  # mardi 1 décembre, 18:30
SHORT_DAY_DATE_TIME_FORMAT = "D j N, H:i"  # mar 1 déc., 18:30
SHORT_DAY_DATE_YEAR_TIME_FORMAT = "D j N Y, H:i"  # mar 1 déc. 2026, 18:30
