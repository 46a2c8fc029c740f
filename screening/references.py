"""Unguessable screening references.

A reference is derived (HMAC with the secret key) from the one-time submission id the
questionnaire holds in the person's server-side session; it never travels in a cookie.
The id is spent at the first submit (screening.models.RetiredReference): an identical
retry within settings.SUBMISSION_RETRY_SECONDS finds the same screening, anything else
with that id is refused, for good, so a replayed session can never reach an earlier
person's result, and a withdrawn or deleted reference never comes back. Only a digest
of the reference is stored: the database alone cannot be used to open anyone's result,
and a lookup compares digests, so its timing says nothing about the reference.
"""

import base64
import hashlib
import secrets

from django.utils.crypto import salted_hmac

# 20 bytes = 160 bits of randomness; the reference keeps 160 bits of the HMAC.
TOKEN_BYTES = 20
REFERENCE_LENGTH = 27  # base64url characters for 160 bits
_SALT = "firststep.screening.reference"


def new_submission_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def reference_for_token(token: str) -> str:
    mac = salted_hmac(_SALT, token, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(mac[:TOKEN_BYTES]).decode().rstrip("=")[:REFERENCE_LENGTH]


def reference_digest(reference: str) -> str:
    return hashlib.sha256(reference.encode()).hexdigest()
