import pytest

from content.models import Article, GlossaryTerm
from content.shipped.loader import load_shipped_content


@pytest.fixture
def shipped(db):
    """The shipped articles and glossary, as a fresh install has them.

    The data migration loads them, but a browser test's flush empties the tables,
    so load again (a no-op when they are there). Returns the published English articles.
    """
    load_shipped_content(article_model=Article, glossary_model=GlossaryTerm)
    return list(Article.objects.published().filter(language="en"))


@pytest.fixture
def staff_client(client, db):
    """A signed-in staff editor who has passed the second step (TOTP), as the admin requires."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client
