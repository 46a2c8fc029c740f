from django.urls import path, register_converter

from admissions import views
from screening.references import REFERENCE_LENGTH


class ReferenceConverter:
    regex = f"[A-Za-z0-9_-]{{{REFERENCE_LENGTH}}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "reference")

app_name = "admissions"
urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("withdrawn/", views.withdrawn, name="withdrawn"),
    path("<reference:reference>/", views.status, name="status"),
    path("<reference:reference>/send/", views.send, name="send"),
    path("<reference:reference>/sent/", views.sent, name="sent"),
    path("<reference:reference>/withdraw/", views.withdraw, name="withdraw"),
]
