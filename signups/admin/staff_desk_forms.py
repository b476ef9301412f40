"""
The forms of the staff desk (``signups.admin.staff_desk``): a family signed up by phone,
a sign-up corrected or moved, one child cancelled, and a message to a session.

The sign-up reuses the public form's participants (``events.forms``), so the
same questions and checks apply; only the registrant's part is the staff's own.
"""

import uuid

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from events.models import CancelledSession, Quota

from .. import services
from ..forms import NameField, ParticipantForm, RegistrantForm
from .forms import centre_title, upcoming_sessions


def language_choices():
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class StaffRegistrantForm(RegistrantForm):
    """The adult staff sign up on the phone: the public form's fields, told from the desk."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No bot types on the admin's forms.
        del self.fields["website"]
        self.fields["name"].label = _("The registrant's first and last name")
        self.fields["email"].help_text = _(
            "The confirmation and the private link are sent there, in the language below."
        )
        self.fields["language"].label = _("Language of the e-mails")
        self.fields["data_consent"].label = _(
            "The family agreed to the data processing consent, read to them"
        )
        self.fields["data_consent"].error_messages["required"] = _(
            "Read the consent to the family: a sign-up needs their agreement."
        )


class RegistrationEditForm(forms.Form):
    """The registrant's details, as staff correct them."""

    name = NameField(label=_("The registrant's first and last name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=language_choices)
    notify = forms.BooleanField(
        label=_("Tell the family by e-mail"),
        required=False,
        help_text=_("They get the corrected details and their private link."),
    )

    def registrant(self):
        data = self.cleaned_data
        return services.Registrant(
            name=data["name"], email=data["email"], phone=data["phone"], language=data["language"]
        )


class ParticipantEditForm(forms.Form):
    """One participant's names and date of birth, as staff correct them."""

    first_name = ParticipantForm.base_fields["first_name"]
    last_name = ParticipantForm.base_fields["last_name"]
    birth_date = ParticipantForm.base_fields["birth_date"]

    def __init__(self, *args, participant, session, **kwargs):
        self.participant = participant
        super().__init__(
            *args,
            prefix=f"participant-{participant.pk}",
            initial={
                "first_name": participant.first_name,
                "last_name": participant.last_name,
                "birth_date": participant.birth_date,
            },
            **kwargs,
        )
        # As on the sign-up form: needed only to check an age range.
        self.fields["birth_date"].required = session is not None and (
            session.min_age is not None or session.max_age is not None
        )

    clean_birth_date = ParticipantForm.clean_birth_date

    def change(self):
        return services.ParticipantChange(participant=self.participant, **self.cleaned_data)


def session_label(quota):
    """A session as staff pick it from a list: programme – session, centre, venue, first date."""
    session = quota.session
    when = date_format(timezone.localtime(session.starts_at), "SHORT_DATE_FORMAT")
    venue = session.venue.name if session.venue_id else ""
    parts = [session.full_title, quota.centre_title, venue, when]
    return ", ".join(part for part in parts if part)


class MoveForm(forms.Form):
    to_quota = forms.ModelChoiceField(
        label=_("Move to the session"),
        queryset=Quota.objects.none(),
        empty_label=_("Choose a session"),
        help_text=_("Sessions that take sign-ups and have not ended, in every centre."),
    )
    if_full = forms.ChoiceField(
        label=_("If the participants do not fit in the places left there"),
        choices=[
            ("refuse", _("Do not move the sign-up")),
            ("wait", _("Put the sign-up on that session's waiting list")),
        ],
        initial="refuse",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["to_quota"]
        field.queryset = (
            Quota.objects.exclude(pk=registration.quota_id)
            .filter(upcoming_sessions(timezone.now()), session__isnull=False)
            .exclude(session_key__in=CancelledSession.objects.values("session_key"))
            .select_related("session__page", "session__venue")
            .annotate(centre_title=centre_title())
            .order_by("session__page__title", "session__starts_at", "pk")
        )
        field.label_from_instance = session_label


class CancelParticipantForm(forms.Form):
    ALL = "all"

    who = forms.ChoiceField(label=_("Who no longer takes part"), widget=forms.RadioSelect)

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = registration.active_participants()
        self.fields["who"].choices = [
            *((str(p.pk), str(p)) for p in self.participants),
            (self.ALL, gettext("Everyone: the whole sign-up")),
        ]

    def participant(self):
        """The participant to cancel, or None for the whole sign-up."""
        who = self.cleaned_data["who"]
        return None if who == self.ALL else next(p for p in self.participants if str(p.pk) == who)


class SessionMessageForm(forms.Form):
    """Staff's own e-mail to a session's families: Polish, and translations if they have them."""

    recipients = forms.ChoiceField(label=_("Send to"), widget=forms.RadioSelect)
    # One key per form shown: a second POST of the same form sends nothing.
    form_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, counts, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "active": _("Everyone signed up or waiting"),
            "confirmed": _("Only confirmed sign-ups"),
            "waiting": _("Only the waiting list"),
        }
        self.fields["recipients"].choices = [
            (key, gettext("%(who)s (%(count)s)") % {"who": labels[key], "count": counts[key]})
            for key in services.RECIPIENTS
        ]
        self.fields["recipients"].initial = "active"
        for code, name in language_choices():
            required = code == settings.LANGUAGE_CODE
            self.fields[f"subject_{code}"] = forms.CharField(
                label=gettext("Subject (%(language)s)") % {"language": name},
                max_length=200,
                required=required,
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=gettext("Message (%(language)s)") % {"language": name},
                max_length=10000,
                required=required,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=""
                if required
                else gettext(
                    "Optional: families with this language get the Polish text without it."
                ),
            )

    def languages(self):
        """Each language's subject and message fields, for the template."""
        return [
            (name, self[f"subject_{code}"], self[f"body_{code}"])
            for code, name in language_choices()
        ]

    def clean(self):
        cleaned = super().clean()
        for code, _name in language_choices():
            subject, body = cleaned.get(f"subject_{code}"), cleaned.get(f"body_{code}")
            if subject and not body:
                self.add_error(
                    f"body_{code}", gettext("Write the message, or leave out the subject.")
                )
            elif body and not subject:
                self.add_error(f"subject_{code}", gettext("Write the subject of this message."))
        return cleaned

    def texts(self, kind):
        """{language code: text} of `kind` ("subject" or "body"), the languages filled in."""
        return {
            code: self.cleaned_data[f"{kind}_{code}"]
            for code, _name in language_choices()
            if self.cleaned_data.get(f"{kind}_{code}")
        }
