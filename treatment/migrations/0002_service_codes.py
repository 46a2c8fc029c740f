from django.db import migrations


def load_service_codes(apps, schema_editor):
    from treatment.servicecodes import read_key

    ServiceCode = apps.get_model("treatment", "ServiceCode")
    for entry in read_key():
        ServiceCode.objects.update_or_create(code=entry["code"], defaults=entry)


class Migration(migrations.Migration):
    dependencies = [("treatment", "0001_facility")]

    operations = [migrations.RunPython(load_service_codes, migrations.RunPython.noop)]
