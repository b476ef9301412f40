"""Ready groups for the people who run the sign-ups, and what Wagtail's editors need.

The names are Polish, like the staff who use the admin; an administrator can
rename them, or grant the same permissions to other groups, under
Settings → Groups. Running this again adds what is missing and takes nothing
away; going back leaves the groups as they are (they may have members by then).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")

# (app label, model, codename)
CENTRE_STAFF = [
    ACCESS_ADMIN,
    # Sessions: who signed up, the export, attendance, places, offers, cancelling.
    ("events", "quota", "view_participants"),
    # Calendar → Cancelled dates: one date of a repeating session called off.
    *(
        ("events", "cancelledoccurrence", f"{action}_cancelledoccurrence")
        for action in ("add", "change", "delete")
    ),
]

DATA_PROTECTION = [
    ACCESS_ADMIN,
    ("events", "registration", "manage_personal_data"),
    # The sign-up audit log (Reports) is behind the same permission as the sessions.
    ("events", "quota", "view_participants"),
]

EDITOR_MODELS = [
    ("events", "venue"),
    ("events", "category"),
    ("events", "cancelledoccurrence"),
    ("events", "consenttext"),
    ("home", "footer"),
]
EDITORS = [
    ACCESS_ADMIN,
    *(
        (app_label, model, f"{action}_{model}")
        for app_label, model in EDITOR_MODELS
        for action in ("add", "change", "delete")
    ),
]

GROUPS = {
    "Pracownicy centrum": CENTRE_STAFF,
    "Ochrona danych": DATA_PROTECTION,
    # Wagtail's own groups: both edit content, moderators also publish it.
    "Editors": EDITORS,
    "Moderators": EDITORS,
}


def create_groups(apps, schema_editor):
    # On a fresh database the permissions of our models do not exist yet: Django
    # creates them after the last migration (post_migrate). Create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
                for app_label, model, codename in permissions
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_waiting_list_fairness"),
        ("home", "0003_centre_operator"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
