from django.conf import settings
from django.http import HttpRequest

# One place for the numbers shown on every page (clinical spec §5).
HELP_LINES = {
    "emergency": "911",
    "crisis": "988",
    "helpline": "1-800-662-4357",
    "helpline_tel": "+18006624357",
}


def help_lines(request: HttpRequest) -> dict:
    return {"help_lines": HELP_LINES, "quick_exit_url": settings.QUICK_EXIT_URL}
