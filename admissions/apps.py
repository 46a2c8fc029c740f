from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdmissionsConfig(AppConfig):
    name = "admissions"
    verbose_name = _("Admissions")

    def ready(self) -> None:
        # Connects the login-time stamp the idle timeout relies on.
        import firststep.middleware  # noqa: F401
