# Arabic formats with Western digits, as Tunisian administrations write them. A country's own
# conventions (month names) are in ar_<COUNTRY>/formats.py; common.locales reads both.
DATE_FORMAT = "j F Y"
# The Arabic comma between the date and the time.
DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = " "
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Lists inside Arabic text are joined with the Arabic comma (common.locales.join_list).
LIST_SEPARATOR = "، "
