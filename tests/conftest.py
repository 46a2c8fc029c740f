"""Shared fixtures: the people who use FirstStep, and a real Chromium for browser tests."""

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.personas"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser; quiet on a closed network."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def assert_accessible():
    """Run axe-core in the page and fail with each violation spelled out."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(page)
        violations = results.response["violations"]
        detail = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in violations
        )
        assert not violations, f"axe-core violations on {page.url}:\n{detail}"

    return check


@pytest.fixture
def block_external_requests(page):
    """Fail the test if a page asks any host but the test server for anything."""
    outside: list[str] = []

    def route(route):
        url = route.request.url
        if url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", route)
    yield outside
    assert not outside, f"pages asked third parties for: {outside}"


@pytest.fixture(autouse=True)
def _english_to_begin_with():
    """Each test starts in English: the test client leaves the language of its last request
    active in the thread, where a later reverse() would give that language's address."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def _session_cache_of_our_own(tmp_path_factory):
    """Without Redis the session cache is a directory (firststep.sessions): give this run its
    own, so clearing caches between tests never touches a server running beside the tests."""
    from django.conf import settings
    from django.test import override_settings

    if settings.CACHES["sessions"]["BACKEND"].endswith("FileBasedCache"):
        caches = {
            **settings.CACHES,
            "sessions": {
                **settings.CACHES["sessions"],
                "LOCATION": str(tmp_path_factory.mktemp("session-cache")),
            },
        }
        with override_settings(CACHES=caches):
            yield
    else:
        yield
