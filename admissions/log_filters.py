"""Keep screening references (and staff setup links) out of the server's logs.

A reference opens a person's screening, so it is a secret: Django logs the
path of every 4xx/5xx response (and runserver every request), and result and
status pages carry the reference in their path.

Any run of 27 or more URL-safe characters (a reference is 27) is redacted whole,
whatever comes before or after it: a reference with characters glued on
(/result/<reference>x/, <reference>_old, a 43-character setup-link token) is no
shorter than a reference, so it never slips through a boundary rule. Long slugs
are redacted too: a log line losing a slug is a small price.
"""

import logging
import re

from screening.references import REFERENCE_LENGTH

REFERENCE_PATTERN = re.compile(rf"[A-Za-z0-9_-]{{{REFERENCE_LENGTH},}}")


def redact(text: str) -> str:
    return REFERENCE_PATTERN.sub("[reference]", text)


class RedactReferences(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
