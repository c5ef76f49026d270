# French: Django's formats (day before month), with the time as French typography writes it,
# "18 h 30" (non-breaking spaces), and weekday-and-date orders.
TIME_FORMAT = "H\u00a0\\h\u00a0i"  # 18 h 30
DATETIME_FORMAT = "j F Y, H\u00a0\\h\u00a0i"  # 1 décembre 2026, 18 h 30
SHORT_DATETIME_FORMAT = "d/m/Y H\u00a0\\h\u00a0i"  # 01/12/2026 18 h 30
DAY_DATE_FORMAT = "l j F"  # mardi 1 décembre
SHORT_DAY_DATE_FORMAT = "D j N"  # mar 1 déc.
DAY_DATE_TIME_FORMAT = "l j F, H\u00a0\\h\u00a0i"  # mardi 1 décembre, 18 h 30
SHORT_DAY_DATE_TIME_FORMAT = "D j N, H\u00a0\\h\u00a0i"  # mar 1 déc., 18 h 30
SHORT_DAY_DATE_YEAR_TIME_FORMAT = "D j N Y, H\u00a0\\h\u00a0i"  # mar 1 déc. 2026, 18 h 30
# Numbers: a decimal comma and a (narrow non-breaking) space between thousands.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
