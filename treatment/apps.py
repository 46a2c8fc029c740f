from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TreatmentConfig(AppConfig):
    name = "treatment"

    def ready(self) -> None:
        from firststep.versions import bump_after_migrate
        from treatment.models import DirectoryVersion

        post_migrate.connect(bump_after_migrate(DirectoryVersion), sender=self, weak=False)
