"""
Keeps the language versions of a programme in step with the page they were translated from.

A programme's translations are pages of their own (wagtail-localize), and their
sessions rows of their own that share a ``translation_key`` with the source's
sessions. What a translator writes (titles, descriptions, a session's name) is
theirs; the facts of a session are not: when the source page is published, its
times, place, status, places and sign-up rules reach every translation at once,
with the same calendar ``SEQUENCE``, and sessions added to or removed from the
source are added to or removed from the translations.

Done here rather than by wagtail-localize's "Sync translated pages", which would
publish whatever the translator has saved so far. The translation's live rows and
its live and latest revisions are changed, so a draft the translator is still
working on stays a draft, with the new facts in it, and the next publish of the
translation does not bring the old ones back. (Places and cancellations are not
among these facts: they are the session's Quota and CancelledSession, which no
publish changes.)

Unpublishing the source unpublishes its translations: a Ukrainian page must not take
sign-ups for a programme the Polish editors withdrew. Deleting is handled in the
admin (``signups.page_hooks``), where editors are warned about the people signed up.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone

from modelcluster.models import get_serializable_data_for_fields
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.signals import page_published, page_unpublished
from wagtail_localize.models import TranslationSource

from .feed_cache import feeds_changed
from .models import ProgrammePage, Session, Venue
from .models.calendar import SCHEDULE_FIELDS, rescheduled_fields

# The facts of a session that do not depend on the language (the venue is mapped to
# its translation; a translated note on an old status is dropped, see sync_translation).
SYNCHRONISED_FIELDS = (
    "starts_at",
    "ends_at",
    "all_day",
    "daily",
    "recurrence",
    "capacity",
    "waiting_list",
    "status",
    "registration_opens_at",
    "registration_closes_at",
    "min_age",
    "max_age",
)


def is_source(page):
    """Whether `page` is in the language programmes are written in (Polish)."""
    return page.locale.language_code == settings.LANGUAGE_CODE


def translations_of(page):
    """The other language versions of programme `page`; aliases follow their original."""
    return (
        ProgrammePage.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
        .exclude(pk=page.pk)
        .select_related("locale", "live_revision", "latest_revision")
    )


@receiver(page_published)
def sync_translations_on_publish(sender, instance, **kwargs):
    # Only the source: a translation published by its translator changes nothing here.
    if isinstance(instance, ProgrammePage) and is_source(instance):
        sync_translations(instance)


@receiver(page_unpublished)
def unpublish_translations(sender, instance, **kwargs):
    """Take the live translations of an unpublished source programme offline with it."""
    if not (isinstance(instance, ProgrammePage) and is_source(instance)):
        return
    for translation in translations_of(instance).live():
        UnpublishPageAction(translation).execute(skip_permission_checks=True)


def sync_translations(page):
    """Carry the facts of `page`'s sessions to every translation of it.

    The wagtail-localize source is brought up to date too, so that translators see
    the current text and a translation published from its editor has the same facts.
    """
    with transaction.atomic():
        if source := TranslationSource.objects.get_for_instance_or_none(page):
            source.update_from_db()
        sessions = list(page.sessions.select_related("venue"))
        for translation in translations_of(page):
            sync_translation(sessions, translation)
        align_sequences(sessions)
        transaction.on_commit(feeds_changed)


def sync_translation(sessions, translation):
    """Make `translation`'s sessions those of the source, keeping what was translated."""
    venues = translated_venues(sessions, translation.locale)
    rows = {row.translation_key: row for row in translation.sessions.all()}
    synced = []
    for session in sessions:
        facts = facts_for(session, venues)
        row = rows.pop(session.translation_key, None)
        if row is None:
            # New in the source: shown in the source's words until it is translated.
            row = Session(
                page=translation,
                locale=translation.locale,
                translation_key=session.translation_key,
                title=session.title,
                sort_order=session.sort_order,
                **facts,
            )
            row.save()
        else:
            if row.status != session.status:
                # A note about the old status would be wrong: until translated, readers
                # get the source's note, marked as such (Session.note).
                facts["status_note"] = ""
            if rescheduled(row, facts):
                # One above what this language's subscribers have; align_sequences evens out.
                facts.update(sequence=row.sequence + 1, changed_at=timezone.now())
            Session.objects.filter(pk=row.pk).update(sort_order=session.sort_order, **facts)
        synced.append(row.pk)
    # Removed from the source (the page editor refuses while people are signed up).
    Session.objects.filter(pk__in=[row.pk for row in rows.values()]).delete()
    patch_revisions(translation, synced)


def facts_for(session, venues):
    """The synchronised fields of `session`, with its venue in the translation's language."""
    facts = {name: getattr(session, name) for name in SYNCHRONISED_FIELDS}
    facts["venue_id"] = venues.get(session.venue_id, session.venue_id)
    return facts


def rescheduled(row, facts):
    """Whether `facts` change the time, place or status of the stored `row`."""
    return bool(rescheduled_fields({name: getattr(row, name) for name in SCHEDULE_FIELDS}, facts))


def translated_venues(sessions, locale):
    """Source venue id → the id of its translation in `locale`, where there is one."""
    keys = {
        session.venue.translation_key: session.venue_id for session in sessions if session.venue
    }
    return {
        keys[key]: pk
        for key, pk in Venue.objects.filter(translation_key__in=keys, locale=locale).values_list(
            "translation_key", "pk"
        )
    }


def patch_revisions(translation, session_pks):
    """Put the synchronised sessions into `translation`'s live and latest revisions.

    The translated words of a session stay as the revision has them; a session new
    in the source enters the revision as its row is.
    """
    rows = {row.pk: row for row in Session.objects.filter(pk__in=session_pks)}
    fields = (*SYNCHRONISED_FIELDS, "venue", "sequence", "changed_at", "sort_order")
    for revision in {translation.live_revision, translation.latest_revision} - {None}:
        stored = {
            data.get("translation_key"): data for data in revision.content.get("sessions", [])
        }
        sessions = []
        for pk in session_pks:
            data = get_serializable_data_for_fields(rows[pk])
            kept = stored.get(str(rows[pk].translation_key))
            if kept is not None:
                if kept.get("status") != data["status"]:
                    kept["status_note"] = ""
                kept.update({name: data[name] for name in fields}, pk=pk)
                data = kept
            sessions.append(data)
        revision.content["sessions"] = sessions
        revision.save(update_fields=["content"])


def align_sequences(sessions):
    """Give every language version of each session the highest SEQUENCE among them.

    Calendars subscribed in any language then see one version of the session, and
    a version whose time or place changed is above what its subscribers have.
    """
    for session in sessions:
        rows = Session.objects.filter(translation_key=session.translation_key)
        highest = rows.aggregate(highest=Max("sequence"))["highest"]
        rows.filter(sequence__lt=highest).update(sequence=highest)
