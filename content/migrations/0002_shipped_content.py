from django.db import migrations


def load(apps, schema_editor):
    from content.shipped.loader import load_shipped_content

    load_shipped_content(
        article_model=apps.get_model("content", "Article"),
        glossary_model=apps.get_model("content", "GlossaryTerm"),
    )


class Migration(migrations.Migration):
    """Loads the shipped articles and glossary; creates only what is missing (see loader)."""

    dependencies = [("content", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
