from django.db import migrations


def load(apps, schema_editor):
    from content.shipped.loader import load_shipped_content

    load_shipped_content(
        article_model=apps.get_model("content", "Article"),
        glossary_model=apps.get_model("content", "GlossaryTerm"),
    )


class Migration(migrations.Migration):
    """Loads the shipped articles and glossary in English and Spanish: creates what is
    missing, refreshes older unedited copies, never touches staff edits (see the loader)."""

    dependencies = [("content", "0005_article_language")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
