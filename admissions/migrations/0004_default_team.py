from django.db import migrations

DEFAULT_TEAM_NAME = "Admissions"


def to_default_team(apps, schema_editor):
    """Every referral sent before teams existed, and every admissions staff member,
    go to one default team, so nobody loses sight of a case."""
    Team = apps.get_model("admissions", "Team")
    TeamMembership = apps.get_model("admissions", "TeamMembership")
    Referral = apps.get_model("admissions", "Referral")
    User = apps.get_model("auth", "User")
    team, _ = Team.objects.get_or_create(name=DEFAULT_TEAM_NAME)
    Referral.objects.filter(team__isnull=True).update(team=team)
    # Before the choice existed, a phone number or an email address was the way to reach them;
    # what a message may say stays discreet (the model's default).
    Referral.objects.exclude(contact_phone="").update(may_call=True)
    Referral.objects.exclude(contact_email="").update(may_email=True)
    for user in User.objects.filter(groups__name="admissions").distinct():
        TeamMembership.objects.get_or_create(team=team, user=user)


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0003_teams_contact_preferences_attempts"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(to_default_team, migrations.RunPython.noop)]
