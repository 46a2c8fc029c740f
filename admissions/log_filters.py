"""Keep screening references out of the server's logs.

A reference opens a person's screening, so it is a secret: Django logs the
path of every 4xx/5xx response (and runserver every request), and result and
status pages carry the reference in their path.
"""

import logging
import re

from screening.references import REFERENCE_LENGTH

REFERENCE_PATTERN = re.compile(
    rf"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{{{REFERENCE_LENGTH}}}(?![A-Za-z0-9_-])"
)


def redact(text: str) -> str:
    return REFERENCE_PATTERN.sub("[reference]", text)


class RedactReferences(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True
