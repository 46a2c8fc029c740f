# Dates and times in English as FirstStep shows them. "PM", not Django's "p.m.": a time at the
# end of a sentence would otherwise read "6:27 p.m..".
DATETIME_FORMAT = "M j, Y, g:i A"
SHORT_DATETIME_FORMAT = "m/d/Y g:i A"
TIME_FORMAT = "g:i A"
