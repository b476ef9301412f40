import datetime

import pytest

from django.contrib.auth.models import Permission
from django.utils import timezone

from events.factories import CategoryFactory, EventIndexPageFactory, VenueFactory
from events.models import LOCAL_TIMEZONE
from home.factories import CentreIndexPageFactory, CentrePageFactory


def local(*args):
    """An aware datetime in Europe/Warsaw."""
    return datetime.datetime(*args, tzinfo=LOCAL_TIMEZONE)


def in_days(days, hour=10):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def calendar_page(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def kalisz(home_page):
    centres = CentreIndexPageFactory(parent=home_page)
    return CentrePageFactory(parent=centres, title="CIC Kalisz", slug="kalisz", city="Kalisz")


@pytest.fixture
def kalisz_library(kalisz, locales):
    return VenueFactory(name="Biblioteka Publiczna w Kaliszu", city="Kalisz", locale=locales["pl"])


@pytest.fixture
def camp_category(locales):
    return CategoryFactory(name="Półkolonie", slug="polkolonie", locale=locales["pl"])


@pytest.fixture
def camp(calendar_page, kalisz_library):
    """A summer camp week for children aged 6–12, with 10 places and sign-up open."""
    from events.factories import EventPageFactory, SessionFactory

    page = EventPageFactory(parent=calendar_page, title="Półkolonie w Kaliszu", slug="polkolonie")
    SessionFactory(
        page=page,
        locale=page.locale,
        title="Turnus I",
        starts_at=in_days(14, hour=9),
        ends_at=in_days(14, hour=13),
        venue=kalisz_library,
        capacity=10,
        min_age=6,
        max_age=12,
    )
    return page


@pytest.fixture
def camp_session(camp):
    return camp.sessions.get()


def child(first_name, last_name="Kowalenko", age=8, **kwargs):
    """A child of `age` on the camp's first day, as the sign-up form would pass it on."""
    from signups.services import NewParticipant

    first_day = timezone.localdate() + datetime.timedelta(days=14)
    born = datetime.date(first_day.year - age, first_day.month, 1)
    return NewParticipant(first_name=first_name, last_name=last_name, birth_date=born, **kwargs)


def sign_up(session, *participants, email="olena@example.com", name="Olena Kowalenko", **kwargs):
    """Sign `participants` up through the service, as the public form does."""
    import uuid

    from signups import services

    return services.sign_up(
        session=session,
        registrant=services.Registrant(name=name, email=email, language="uk"),
        participants=list(participants),
        data_consent_version="2026-01",
        submission_key=kwargs.pop("submission_key", uuid.uuid4()),
        page=session.page,
        **kwargs,
    )


def translated(page, locale):
    """`page` published in `locale`, with the pages above it translated first."""
    from tests.conftest import translate_page

    for ancestor in page.get_ancestors().filter(depth__gte=2):
        if not ancestor.get_translations().filter(locale=locale).exists():
            translate_page(ancestor, locale)
    return translate_page(page, locale)


def staff_user(django_user_model, username, *codenames):
    """A staff member who can open the admin, with the permissions named as app.codename."""
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pass")
    for name in ("wagtailadmin.access_admin", *codenames):
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def coordinator_client(client, django_user_model):
    """A coordinator allowed to see who signed up."""
    client.force_login(staff_user(django_user_model, "coordinator", "events.view_participants"))
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    """An editor who can use the admin but may not see who signed up."""
    client.force_login(staff_user(django_user_model, "editor"))
    return client
