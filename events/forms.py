from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import slug_unicode_re
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from cic_site.converters import is_id
from home.models import SPOKEN_LANGUAGES, CentrePage

from .models import Audience, Category, Venue

# The years the calendar reaches (the month view's too): a date outside them is a typo,
# and far enough out, a date plus a year overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def find_translation(objects, key, *, locale):
    """The object of `objects` (in every language) that `key` names, in `locale`, or None.

    `key` is a slug, the same in every language unless a translator changed it, or
    an id, which differs from one language to the next (the links made before
    slugs): a slug of `locale`, else a slug of another language, else an id of any
    language, and the object found is taken in `locale` by its translation_key. So
    a link whose /pl/ someone turned into /uk/ names the same thing in Ukrainian.
    """
    if not slug_unicode_re.fullmatch(key):
        return None
    here = objects.filter(locale=locale)
    found = here.filter(slug=key).first() or objects.filter(slug=key).first()
    if found is None and is_id(key):
        found = objects.filter(pk=int(key)).first()
    if found is None or found.locale_id == locale.pk:
        return found
    return here.filter(translation_key=found.translation_key).first()


class CalendarDateField(forms.DateField):
    """A day the calendar reaches, typed into a filter; another year is refused with a message."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                attrs={"type": "date", "min": f"{FIRST_YEAR}-01-01", "max": f"{LAST_YEAR}-12-31"}
            ),
        )
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(
                _("Enter a date from the year %(first)s to %(last)s."),
                code="out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )


class TranslatableChoiceField(forms.ModelChoiceField):
    """A venue, centre or category of the form's language, chosen by its slug.

    Options have slugs for values, so that a filtered address holds in every
    language; a value from another language or an old link's id is understood too
    (see ``find_translation``). `queryset` holds the objects of every language;
    ``in_locale`` narrows the options to one.
    """

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", **kwargs)
        self.everywhere = queryset
        self.locale = None

    def in_locale(self, locale):
        self.locale = locale
        self.queryset = self.everywhere.filter(locale=locale)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = find_translation(self.everywhere, str(value), locale=self.locale)
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class OccurrenceFilterForm(forms.Form):
    """The listing's filters: plain GET parameters, so every filtered view is a link."""

    centre = TranslatableChoiceField(
        label=_("Centre"),
        queryset=CentrePage.objects.live().order_by("title"),
        required=False,
        empty_label=_("All centres"),
    )
    venue = TranslatableChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.all(),
        required=False,
        empty_label=_("All venues"),
    )
    category = TranslatableChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
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
    date_from = CalendarDateField(label=_("From"), required=False)
    date_to = CalendarDateField(label=_("Until"), required=False)
    places = forms.BooleanField(label=_("Only with places left"), required=False)

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.translatable_fields().values():
            field.in_locale(locale or Locale.get_active())

    def translatable_fields(self):
        """The venue, centre and category fields, by name."""
        return {
            name: field
            for name, field in self.fields.items()
            if isinstance(field, TranslatableChoiceField)
        }

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        # An old link's id, or a slug of another language, shows as the option it chose.
        self.data = self.data.copy()
        for name in self.translatable_fields():
            if chosen := cleaned.get(name):
                self.data[self.add_prefix(name)] = chosen.slug
        return cleaned


# Sign-up

# Used until staff write their own consent texts (Calendar → Consent texts).
