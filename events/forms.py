from django_countries import countries

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from home.models import SPOKEN_LANGUAGES, CentrePage

from . import services
from .models import Audience, Category, ConsentText, SignUpQuestion, Venue


class OccurrenceFilterForm(forms.Form):
    """The listing's filters: plain GET parameters, so every filtered view is a link."""

    centre = forms.ModelChoiceField(
        label=_("Centre"),
        queryset=CentrePage.objects.none(),
        required=False,
        empty_label=_("All centres"),
    )
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.none(),
        required=False,
        empty_label=_("All venues"),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All categories"),
    )
    audience = forms.ChoiceField(
        label=_("For"), choices=[("", _("Everyone")), *Audience.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the activity"),
        choices=[("", _("Any language")), *SPOKEN_LANGUAGES],
        required=False,
    )
    age = forms.IntegerField(
        label=_("Age of the participant"), min_value=0, max_value=120, required=False
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    places = forms.BooleanField(label=_("Only with places left"), required=False)

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        locale = locale or Locale.get_active()
        self.fields["centre"].queryset = (
            CentrePage.objects.live().filter(locale=locale).order_by("title")
        )
        self.fields["venue"].queryset = Venue.objects.filter(locale=locale)
        self.fields["category"].queryset = Category.objects.filter(locale=locale)

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return cleaned


# Sign-up

# Used until staff write their own consent texts (Calendar → Consent texts).
BUILTIN_CONSENT_VERSION = "builtin-1"
BUILTIN_CONSENTS = {
    ConsentText.Kind.DATA: _(
        "I agree to the processing of my personal data, and that of the people I sign up, "
        "to organise this activity. I can withdraw this consent at any time."
    ),
    ConsentText.Kind.PHOTOS: _("Photos of this participant may be taken and published."),
}
MAX_PARTICIPANTS = 10


def consent_text(kind, locale):
    """The wording staff set for `locale`, else the default language's, else ours."""
    texts = ConsentText.objects.filter(kind=kind)
    consent = (
        texts.filter(locale=locale).first()
        or texts.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )
    if consent is None:
        return str(BUILTIN_CONSENTS[kind]), BUILTIN_CONSENT_VERSION
    return consent.text, consent.version


class RegistrantForm(forms.Form):
    """The adult who signs up: who they are, how to reach them, and their consent."""

    name = forms.CharField(label=_("Your first and last name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and your private link there."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(label=_("Language of our e-mails"))
    data_consent = forms.BooleanField(
        error_messages={"required": _("We can only sign you up with this consent.")}
    )
    # A field people never see: a bot that fills in every field gives itself away.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, data_consent_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_consent"].label = data_consent_text
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("website")))

    def registrant(self):
        data = self.cleaned_data
        return services.Registrant(
            name=data["name"], email=data["email"], phone=data["phone"], language=data["language"]
        )


QUESTION_FIELDS = {
    SignUpQuestion.Kind.TEXT: lambda: forms.CharField(max_length=500),
    SignUpQuestion.Kind.LONG_TEXT: lambda: forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    ),
    SignUpQuestion.Kind.CHOICE: lambda: forms.ChoiceField(),
    SignUpQuestion.Kind.CHECKBOX: lambda: forms.BooleanField(),
    SignUpQuestion.Kind.COUNTRY: lambda: forms.ChoiceField(choices=[("", "—"), *countries]),
}


class ParticipantForm(forms.Form):
    """One participant, and the programme's questions about them."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    photo_consent = forms.BooleanField(required=False)

    def __init__(self, *args, session, questions, photo_consent_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
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

    def participant(self):
        data = self.cleaned_data
        answers, sensitive, country = {}, {}, ""
        for question in self.questions:
            value = data.get(f"question_{question.key}")
            if question.kind == SignUpQuestion.Kind.COUNTRY:
                country = value or ""
            elif value not in (None, "", False):
                (sensitive if question.sensitive else answers)[question.key] = value
        return services.NewParticipant(
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data.get("birth_date"),
            answers=answers,
            sensitive_answers=sensitive,
            photo_consent=data["photo_consent"],
            country=country,
        )


class BaseParticipantFormSet(forms.BaseFormSet):
    def __init__(self, *args, session, **kwargs):
        self.session = session
        super().__init__(*args, **kwargs)

    def filled_forms(self):
        """The forms with a participant in them; an added form left blank is ignored."""
        return [form for form in self.forms if form.cleaned_data]

    def clean(self):
        if any(self.errors):
            return
        filled = self.filled_forms()
        if not filled:
            raise forms.ValidationError(_("Add at least one participant."))
        participants = [form.participant() for form in filled]
        for error in [
            *services.eligibility_errors(self.session, participants),
            *services.repeated_participant_errors(participants),
        ]:
            filled[error.participant].add_error(error.field, error.message)

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
