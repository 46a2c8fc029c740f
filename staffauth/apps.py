from django.apps import AppConfig


class StaffAuthConfig(AppConfig):
    name = "staffauth"
    verbose_name = "Staff sign-in"

    def ready(self) -> None:
        from staffauth import signals  # noqa: F401 — connects the receivers
