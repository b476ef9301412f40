from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from home.models import SPOKEN_LANGUAGES, CentrePage

from .models import Audience, Category, Venue


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
