"""The sign-up form, posted with whatever a careless parent or a robot sends.

Each example posts the form one to three times (the camp has 10 places, a post up to
ten children), in one of the four languages, with generated names, dates, e-mail
addresses, consent values, numbers of forms and add/remove buttons. Whatever comes
in: never a 5xx, a bounded number of participant forms built, and what is stored
is only ever valid (every sign-up and participant passes full_clean(), and no
session holds more people than it has places, nor counts them wrong). Each example
runs in a transaction rolled back at its end, so that the next starts from an
empty camp.
"""

import datetime
import unicodedata
import uuid
from unittest import mock

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from events.models import Quota
from signups.forms import MAX_PARTICIPANTS, ParticipantForm
from signups.models import Participant, Registration
from tests.fuzz.conftest import LANGUAGES
from tests.signups.utils import child, sign_up

pytestmark = pytest.mark.django_db

# A post builds the forms it was sent (at most one more than allowed, to say so), and
# the page shown again may build them once more.
MAX_FORMS_PER_POST = 2 * (MAX_PARTICIPANTS + 1)

CHECKBOX_VALUES = ["on", "off", "false", "False", "0", "", "1", "true", "yes", "no"]
# What a browser never sends for a ticked checkbox: no consent.
NOT_A_CONSENT = {None, "", "off", "false", "False", "0", "no"}
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Zs"}
INVISIBLE = ["", " ", "\u200b", "\u200b\u200c\u200d", "\ufeff", "\u2060", "\t\n"]

texts = st.one_of(
    st.text(max_size=30),
    st.text(min_size=95, max_size=260),
    st.sampled_from([*INVISIBLE, "\x00", "Iwan\x00", "a" * 5000]),
)
names = st.one_of(st.sampled_from(["Iwan", "Maria", "Kowalenko", "Ołeh"]), texts)
numbers = st.one_of(
    st.integers(min_value=-3, max_value=15),
    st.integers(min_value=-(10**25), max_value=10**25),
).map(str)
counts = st.one_of(numbers, texts)
children_birth_dates = st.dates(
    min_value=datetime.date.today() - datetime.timedelta(days=13 * 366),
    max_value=datetime.date.today() - datetime.timedelta(days=5 * 365),
)
birth_dates = st.one_of(
    children_birth_dates.map(lambda day: day.isoformat()),
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["9999-12-31", "0001-01-01", "2020-02-30"]),
    texts,
)
emails = st.one_of(st.sampled_from(["olena@example.com", "ivan@example.org"]), st.emails(), texts)


def optional(strategy):
    """A field sent with a generated value, or not sent at all."""
    return st.one_of(st.none(), strategy)


participants = st.fixed_dictionaries(
    {
        "first_name": names,
        "last_name": names,
        "birth_date": birth_dates,
        "photo_consent": optional(st.sampled_from(CHECKBOX_VALUES)),
    }
)
careless_posts = st.fixed_dictionaries(
    {
        "language": st.sampled_from(LANGUAGES),
        "name": st.one_of(st.just("Olena Kowalenko"), texts),
        "email": emails,
        "phone": st.one_of(st.just(""), texts),
        "email_language": st.one_of(st.sampled_from(LANGUAGES), texts),
        "data_consent": optional(st.sampled_from(CHECKBOX_VALUES)),
        "website": st.sampled_from(["", "", "http://spam.example"]),
        "submission_key": st.one_of(st.uuids().map(str), texts),
        "total_forms": optional(counts),
        "participants": st.lists(participants, max_size=MAX_PARTICIPANTS + 2),
        "button": optional(
            st.tuples(st.sampled_from(["add_participant", "remove_participant"]), counts)
        ),
    }
)
# Posts a family could send, so that sign-ups are made (and the camp fills up), with
# now and then a name of invisible characters or a consent box sent as something else.
letters = st.text(alphabet="AaBbIiMmOoŁłŻż -", min_size=1, max_size=100)
children = st.fixed_dictionaries(
    {
        "first_name": st.sampled_from(
            [letters, letters, letters, st.sampled_from(INVISIBLE[1:])]
        ).flatmap(lambda names: names),
        "last_name": st.sampled_from(["Kowalenko", "Szewczenko", "Nowak"]),
        "birth_date": children_birth_dates.map(lambda day: day.isoformat()),
        "photo_consent": optional(st.just("on")),
    }
)
family_posts = st.fixed_dictionaries(
    {
        "language": st.sampled_from(LANGUAGES),
        "name": st.sampled_from(
            ["Olena Kowalenko", "Iwan Szewczenko"] * 3 + ["\u200b", "\ufeff "]
        ),
        "email": st.sampled_from(["olena@example.com", "ivan@example.org"]),
        "phone": st.just(""),
        "email_language": st.sampled_from(LANGUAGES),
        "data_consent": st.sampled_from(["on"] * len(CHECKBOX_VALUES) + CHECKBOX_VALUES),
        "website": st.just(""),
        "submission_key": st.uuids().map(str),
        "total_forms": st.none(),
        "participants": st.lists(
            children, min_size=1, max_size=5, unique_by=lambda child: child["first_name"]
        ),
        "button": st.none(),
    }
)
posts = st.one_of(family_posts, careless_posts)


def form_data(post):
    """The POST body for one generated post."""
    data = {
        "name": post["name"],
        "email": post["email"],
        "phone": post["phone"],
        "language": post["email_language"],
        "website": post["website"],
        "submission_key": post["submission_key"],
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "1",
        "participants-MAX_NUM_FORMS": str(MAX_PARTICIPANTS),
    }
    total = post["total_forms"]
    data["participants-TOTAL_FORMS"] = str(len(post["participants"])) if total is None else total
    if post["data_consent"] is not None:
        data["data_consent"] = post["data_consent"]
    for index, participant in enumerate(post["participants"]):
        for field, value in participant.items():
            if value is not None:
                data[f"participants-{index}-{field}"] = value
    if post["button"] is not None:
        button, value = post["button"]
        data[button] = value
    return data


def is_visible(name):
    """Whether `name` has a character someone can read (not only spaces, U+200B...)."""
    return any(unicodedata.category(character) not in INVISIBLE_CATEGORIES for character in name)


def assert_stored_data_valid():
    """Every sign-up and participant is valid, and every session's places add up."""
    for registration in Registration.objects.all():
        registration.full_clean()
        assert is_visible(registration.name), registration.name
    for participant in Participant.objects.all():
        participant.full_clean()
        assert is_visible(participant.first_name), participant.first_name
        assert is_visible(participant.last_name), participant.last_name
    holding = Q(
        registrations__status__in=Registration.HOLDING_PLACES,
        registrations__participants__cancelled_at__isnull=True,
    )
    for quota in Quota.objects.annotate(
        counted=Count("registrations__participants", filter=holding)
    ):
        assert quota.counted == quota.taken <= quota.capacity, quota


@given(sent=st.lists(posts, min_size=1, max_size=3))
def test_no_post_crashes_overfills_or_stores_invalid_data(client, camps, sent):
    cache.clear()  # the rate limits count every post; each example starts afresh
    with transaction.atomic():
        for post in sent:
            page = camps[post["language"]]
            session = page.sessions.get()
            url = f"/{post['language']}/sign-ups/session/{session.translation_key}/"
            with mock.patch.object(
                ParticipantForm, "__init__", autospec=True, side_effect=ParticipantForm.__init__
            ) as built:
                before = set(Registration.objects.values_list("pk", flat=True))
                response = client.post(url, form_data(post))

            # `pytest --hypothesis-show-statistics` shows how many posts got which answer.
            event(f"answer {response.status_code}")
            assert response.status_code < 500
            assert built.call_count <= MAX_FORMS_PER_POST
            if Registration.objects.exclude(pk__in=before).exists():
                assert post["data_consent"] not in NOT_A_CONSENT
            assert_stored_data_valid()
        transaction.set_rollback(True)


def test_a_generated_post_can_sign_up(client, camps):
    """The generators reach a confirmed sign-up: the fuzzing tests more than refusals."""
    post = {
        "language": "uk",
        "name": "Olena Kowalenko",
        "email": "olena@example.com",
        "phone": "",
        "email_language": "uk",
        "data_consent": "on",
        "website": "",
        "submission_key": str(uuid.uuid4()),
        "total_forms": None,
        "participants": [
            {
                "first_name": "Iwan",
                "last_name": "Kowalenko",
                "birth_date": (
                    timezone.localdate() - datetime.timedelta(days=8 * 365)
                ).isoformat(),
                "photo_consent": None,
            }
        ],
        "button": None,
    }
    page = camps["uk"]
    url = f"/uk/sign-ups/session/{page.sessions.get().translation_key}/"

    response = client.post(url, form_data(post))

    assert response.status_code == 303
    assert Registration.objects.get().status == "confirmed"
    assert_stored_data_valid()


@pytest.fixture
def family(camps):
    """A sign-up of two children to the camp, through the sign-up service."""
    return sign_up(camps["pl"].sessions.get(), child("Iwan"), child("Maria"))


@given(value=st.one_of(texts, numbers, st.sampled_from(["", "abc", "0", "-1", "1" * 23])))
def test_cancelling_names_one_of_the_sign_ups_participants_or_nobody(client, family, value):
    """A participant value that is none of the sign-up's own never cancels anyone."""
    ids = set(family.participants.values_list("pk", flat=True))
    names_one = value.isascii() and value.isdigit() and int(value) in ids
    url = f"/pl/sign-ups/{family.reference}/{family.token}/cancel/"
    cache.clear()
    with transaction.atomic():
        response = client.post(url, {"participant": value})

        assert response.status_code < 500
        if not names_one:
            family.refresh_from_db()
            assert family.status == Registration.Status.CONFIRMED
            assert not family.participants.filter(cancelled_at__isnull=False).exists()
        assert_stored_data_valid()
        transaction.set_rollback(True)
