"""Unguessable screening references.

A reference is derived from the random token the questionnaire holds in the
person's session, so a second submit of the same answers finds the same
screening instead of making another. Only a digest of the reference is
stored: the database alone cannot be used to open anyone's result, and a
lookup compares digests, so its timing says nothing about the reference.
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
