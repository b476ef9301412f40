"""The public sign-up form: the adult who signs up, the participants, consents and questions."""

import functools
import unicodedata

from django_countries import countries

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, get_language_info, gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from events.models import SignUpQuestion

from . import services
from .models import AlertKind, ConsentText

# Characters nobody sees: spaces, zero-width ones (U+200B...), a byte-order mark (U+FEFF),
# controls. Names are stripped of them at both ends; inside a name they are kept (a
# zero-width non-joiner belongs in some Persian names).
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Zs"}


class NameField(forms.CharField):
    """A person's name: one made only of characters nobody sees is no name ("required")."""

    def to_python(self, value):
        return strip_invisible(super().to_python(value)) or self.empty_value


def strip_invisible(text):
    """`text` without the characters nobody sees at its start and its end."""

    def invisible(char):
        return unicodedata.category(char) in INVISIBLE_CATEGORIES

    start, end = 0, len(text)
    while start < end and invisible(text[start]):
        start += 1
    while end > start and invisible(text[end - 1]):
        end -= 1
    return text[start:end]


class ConsentCheckbox(forms.CheckboxInput):
    """A consent's checkbox: ticked only by the value a ticked box sends ("on"), or "true".

    Django's checkbox takes any other text for a tick: "off" or "no" would be a consent.
    """

    def value_from_datadict(self, data, files, name):
        return str(data.get(name)).lower() in ("on", "true")


class ConsentField(forms.BooleanField):
    """A consent: given by ticking its box, and by nothing else sent in its name."""

    widget = ConsentCheckbox


BUILTIN_CONSENT_VERSION = "builtin-1"
BUILTIN_CONSENTS = {
    ConsentText.Kind.DATA: _(
        "I agree to the processing of my personal data, and that of the people I sign up, "
        "to organise this activity. I can withdraw this consent at any time."
    ),
    ConsentText.Kind.PHOTOS: _("Photos of this participant may be taken and published."),
}
MAX_PARTICIPANTS = 10
# Alerts are for children's activities: ages up to 18 years.
MAX_ALERT_AGE = 18


def consent_texts(locale):
    """Each consent's (text, version) by kind: the wording staff set for `locale`, else
    the default language's, else ours. One query for every kind and both languages.
    """
    chosen = {}
    for consent in ConsentText.objects.filter(
        Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE)
    ):
        if consent.kind not in chosen or consent.locale_id == locale.pk:
            chosen[consent.kind] = consent
    return {
        kind: (chosen[kind].text, chosen[kind].version)
        if kind in chosen
        else (str(text), BUILTIN_CONSENT_VERSION)
        for kind, text in BUILTIN_CONSENTS.items()
    }


def language_choices():
    """The languages of our e-mails, each named in itself."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class SpamTrapForm(forms.Form):
    """A public form with a field people never see: a bot that fills in every field
    gives itself away (``is_spam``)."""

    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("website")))


class RegistrantForm(SpamTrapForm):
    """The adult who signs up: who they are, how to reach them, and their consent."""

    name = NameField(label=_("Your first and last name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and your private link there."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(label=_("Language of our e-mails"))
    data_consent = ConsentField(
        error_messages={"required": _("We can only sign you up with this consent.")}
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, data_consent_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_consent"].label = data_consent_text
        self.fields["language"].choices = language_choices()

    def registrant(self):
        data = self.cleaned_data
        return services.Registrant(
            name=data["name"], email=data["email"], phone=data["phone"], language=data["language"]
        )


def country_choices():
    """Countries by their names in the active language: asked for by each form, so per request."""
    return [("", "—"), *countries_by_name(get_language())]


@functools.cache
def countries_by_name(language):
    """The countries as (code, name) in `language`, the active one, sorted once per language.

    django-countries sorts them by the Unicode collation algorithm when pyuca is
    installed; without it, every letter outside ASCII would be dropped from the sort
    and Ukrainian and Russian names would come out in no order at all.
    """
    return tuple(countries)


QUESTION_FIELDS = {
    SignUpQuestion.Kind.TEXT: lambda: forms.CharField(max_length=500),
    SignUpQuestion.Kind.LONG_TEXT: lambda: forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    ),
    SignUpQuestion.Kind.CHOICE: lambda: forms.ChoiceField(),
    SignUpQuestion.Kind.CHECKBOX: lambda: forms.BooleanField(),
    SignUpQuestion.Kind.COUNTRY: lambda: forms.ChoiceField(choices=country_choices()),
}


def stored_choices(questions):
    """The options of each choice question as stored: in the site's default language.

    A family picks an option in the page's language; the answer is kept as the
    option in the same position on the default-language page, so staff read one
    answer whatever language the form was filled in. Keyed by question key.
    """
    choice_questions = {
        question.translation_key: question
        for question in questions
        if question.kind == SignUpQuestion.Kind.CHOICE
    }
    sources = SignUpQuestion.objects.filter(
        translation_key__in=choice_questions, locale__language_code=settings.LANGUAGE_CODE
    )
    stored = {question.key: question.choice_list() for question in choice_questions.values()}
    stored.update({source.key: source.choice_list() for source in sources})
    return stored


class ParticipantForm(forms.Form):
    """One participant, and the programme's questions about them."""

    first_name = NameField(label=_("First name"), max_length=100)
    last_name = NameField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    photo_consent = ConsentField(required=False)

    def __init__(
        self, *args, session, questions, photo_consent_text, stored_choices=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.stored_choices = stored_choices or {}
        # The age range is checked against the date of birth; without one it is optional.
        self.fields["birth_date"].required = (
            session.min_age is not None or session.max_age is not None
        )
        self.fields["photo_consent"].label = photo_consent_text
        for question in questions:
            field = QUESTION_FIELDS[question.kind]()
            field.label = question.label
            field.help_text = question.help_text
            field.required = question.required
            if question.kind == SignUpQuestion.Kind.CHOICE:
                # The options of the page's language: an option of another language is refused.
                field.choices = [("", "—")] + [(c, c) for c in question.choice_list()]
            self.fields[f"question_{question.key}"] = field

    def clean_birth_date(self):
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if born and not (today.replace(year=today.year - 120, day=1) <= born <= today):
            raise forms.ValidationError(_("Enter a real date of birth."))
        return born

    def question_fields(self):
        return [self[f"question_{question.key}"] for question in self.questions]

    def stored_answer(self, question, value):
        """A choice as stored: the option in the same position in the default language."""
        if question.kind != SignUpQuestion.Kind.CHOICE:
            return value
        options = question.choice_list()
        stored = self.stored_choices.get(question.key, options)
        position = options.index(value)
        # A translation with more options than the original keeps its own words.
        return stored[position] if position < len(stored) else value

    def participant(self):
        data = self.cleaned_data
        answers, sensitive, country = {}, {}, ""
        for question in self.questions:
            value = data.get(f"question_{question.key}")
            if question.kind == SignUpQuestion.Kind.COUNTRY:
                country = value or ""
            elif value not in (None, "", False):
                answer = self.stored_answer(question, value)
                (sensitive if question.sensitive else answers)[question.key] = answer
        return services.NewParticipant(
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data.get("birth_date"),
            answers=answers,
            sensitive_answers=sensitive,
            photo_consent=data["photo_consent"],
            country=country,
        )

    def checkable_participant(self, number):
        """Who this form describes so far, for the checks that need only some fields.

        The age check needs a valid date of birth, the repeated-child check the names
        too; a form wrong elsewhere is still checked, so that every problem shows in
        one round. Without a name the message says "Participant 2".
        """
        data = self.cleaned_data
        first_name, last_name = data.get("first_name", ""), data.get("last_name", "")
        if not (first_name or last_name):
            first_name = gettext("Participant %(number)s") % {"number": number}
        return services.NewParticipant(
            first_name=first_name, last_name=last_name, birth_date=data.get("birth_date")
        )


class BaseParticipantFormSet(forms.BaseFormSet):
    # Django's own messages speak of "forms", and on a page in a language Django has
    # not translated them into they fall back to the default language.
    default_error_messages = {
        "too_few_forms": _("Add at least one participant."),
        "too_many_forms": ngettext_lazy(
            "You can sign up at most %(num)s participant at once.",
            "You can sign up at most %(num)s participants at once.",
            "num",
        ),
    }

    def __init__(self, *args, session, **kwargs):
        self.session = session
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        # A participant left blank is ignored, the first one too: with no participant
        # at all the parent reads "Add at least one participant", not a "required"
        # under every field.
        return super()._construct_form(i, empty_permitted=True, **kwargs)

    def filled_forms(self):
        """The forms with a participant in them; an added form left blank is ignored."""
        return [form for form in self.forms if form.cleaned_data]

    def clean(self):
        """Check the age range and repeated children on every form that allows it.

        Not only when everything else is valid: a parent learns in one round that a
        child is too old, as well as what else is missing.
        """
        typed = [
            (form, form.checkable_participant(number))
            for number, form in enumerate(self.forms, start=1)
            if form.has_changed()
        ]
        dated = [(form, p) for form, p in typed if form.cleaned_data.get("birth_date")]
        named = [
            (form, p)
            for form, p in typed
            if {"first_name", "last_name"} <= form.cleaned_data.keys()
        ]
        for checked, errors in [
            (dated, services.eligibility_errors(self.session, [p for _form, p in dated])),
            (named, services.repeated_participant_errors([p for _form, p in named])),
        ]:
            for error in errors:
                checked[error.participant][0].add_error(error.field, error.message)

    def participants(self):
        return [form.participant() for form in self.filled_forms()]


ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=MAX_PARTICIPANTS,
    validate_max=True,
)


class AlertChoicesForm(forms.Form):
    """What a family wants to hear about, and in which language: asked when they
    subscribe and when they change their choices."""

    language = forms.ChoiceField(label=_("Language of our e-mails"))
    centres = forms.MultipleChoiceField(
        label=_("Centres"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to hear about every centre."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of activity"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=AlertKind.choices,
        help_text=_("Choose none to hear about every kind."),
    )
    min_age = forms.IntegerField(
        label=_("Age of the youngest child"), required=False, min_value=0, max_value=MAX_ALERT_AGE
    )
    max_age = forms.IntegerField(
        label=_("Age of the oldest child"), required=False, min_value=0, max_value=MAX_ALERT_AGE
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["centres"].choices = centres

    def clean(self):
        data = super().clean()
        youngest, oldest = data.get("min_age"), data.get("max_age")
        if youngest is not None and oldest is not None and youngest > oldest:
            self.add_error(
                "max_age", _("The oldest child cannot be younger than the youngest one.")
            )
        return data

    def choices(self):
        """The cleaned choices as ``signups.alerts`` takes them (keyword arguments)."""
        data = self.cleaned_data
        return {
            "language": data["language"],
            "centres": data["centres"],
            "kinds": data["kinds"],
            "min_age": data["min_age"],
            "max_age": data["max_age"],
        }


class AlertSubscriptionForm(SpamTrapForm, AlertChoicesForm):
    """The public "tell me when sign-ups open" form: an e-mail and the choices."""

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send a link there: your alerts start once you follow it."),
    )

    field_order = ["email", "language", "centres", "kinds", "min_age", "max_age", "website"]
