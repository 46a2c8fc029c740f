from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ContentConfig(AppConfig):
    name = "content"

    def ready(self) -> None:
        from content.models import ContentVersion
        from firststep.versions import bump_after_migrate

        post_migrate.connect(bump_after_migrate(ContentVersion), sender=self, weak=False)
