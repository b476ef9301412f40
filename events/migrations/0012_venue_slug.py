"""Venues get a slug, the same in every language, for addresses that hold across languages.

Each venue that exists is given one from its Polish name (or, with no Polish
version, from the name of its first), shared by all its translations; the older
venue keeps the plain slug when two names give the same one.
"""

from django.conf import settings
from django.db import migrations, models

from events.models.calendar import free_slug


def fill_venue_slugs(apps, schema_editor):
    Venue = apps.get_model("events", "Venue")
    venues = Venue.objects.select_related("locale").order_by("pk")
    by_key = {}
    for venue in venues:
        by_key.setdefault(venue.translation_key, []).append(venue)
    taken = set()
    for translations in by_key.values():
        source = next(
            (v for v in translations if v.locale.language_code == settings.LANGUAGE_CODE),
            translations[0],
        )
        slug = free_slug(source.name, taken)
        taken.add(slug)
        Venue.objects.filter(translation_key=source.translation_key).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0011_session_repeats_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="venue",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text=(
                    "Names the venue in the addresses of its page and calendars, the same in "
                    "every language. Left empty, it is made from the name. Changing it breaks "
                    "the links that libraries have copied."
                ),
                max_length=100,
                verbose_name="slug",
            ),
        ),
        migrations.RunPython(fill_venue_slugs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="venue",
            constraint=models.UniqueConstraint(
                fields=("slug", "locale"), name="unique_venue_slug"
            ),
        ),
    ]
