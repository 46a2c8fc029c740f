from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMISSIONS = "admissions"
SUPERVISORS = "supervisors"


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; the supervisors need one now.
    app_config = apps.get_app_config("admissions")
    app_config.models_module = True  # the migration state's stub has none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get_or_create(name=ADMISSIONS)
    supervisors, _ = Group.objects.get_or_create(name=SUPERVISORS)
    view_audit = Permission.objects.get(
        content_type__app_label="admissions", codename="view_auditevent"
    )
    supervisors.permissions.add(view_audit)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[ADMISSIONS, SUPERVISORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
