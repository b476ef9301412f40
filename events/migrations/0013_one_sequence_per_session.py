"""Give every language version of a session the highest SEQUENCE among them.

Until now each translation counted one up when it took the translated venue
(0 in Polish, 1 in Ukrainian, 2 in Russian, 3 in English for the same UID); the
model no longer does (``rescheduled_fields``), and this evens out what it left.
"""

from django.db import migrations
from django.db.models import Max


def align_sequences(apps, schema_editor):
    Session = apps.get_model("events", "Session")
    highest = Session.objects.values("translation_key").annotate(highest=Max("sequence"))
    for row in highest:
        Session.objects.filter(
            translation_key=row["translation_key"], sequence__lt=row["highest"]
        ).update(sequence=row["highest"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_venue_slug"),
    ]

    operations = [
        migrations.RunPython(align_sequences, migrations.RunPython.noop),
    ]
