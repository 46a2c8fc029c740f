from django.db import migrations


def load(apps, schema_editor):
    """Nothing now: the loader writes the language fields that migration 0005 adds, which
    this migration's models do not have. 0006 loads the shipped content on a new install;
    an install that ran this migration before 0005 existed already has the English rows."""


class Migration(migrations.Migration):
    """Loaded the shipped articles and glossary; superseded by 0006 (see load)."""

    dependencies = [("content", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
