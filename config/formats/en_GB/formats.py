# English (UK): the 24-hour clock of timetables and class schedules, day before month.
TIME_FORMAT = "H:i"  # 18:30
DATETIME_FORMAT = "j M Y, H:i"  # 1 Dec 2026, 18:30
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 01/12/2026 18:30
DAY_DATE_FORMAT = "l j F"  # Tuesday 1 December
SHORT_DAY_DATE_FORMAT = "D j M"  # Tue 1 Dec
DAY_DATE_TIME_FORMAT = "l j F, H:i"  # Tuesday 1 December, 18:30
SHORT_DAY_DATE_TIME_FORMAT = "D j M, H:i"  # Tue 1 Dec, 18:30
SHORT_DAY_DATE_YEAR_TIME_FORMAT = "D j M Y, H:i"  # Tue 1 Dec 2026, 18:30
