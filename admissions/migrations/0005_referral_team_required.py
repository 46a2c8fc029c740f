import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("admissions", "0004_default_team")]

    operations = [
        migrations.AlterField(
            model_name="referral",
            name="team",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="referrals",
                to="admissions.team",
            ),
        ),
    ]
