"""
Who answers a family's questions about a session, and who controls their data.

The centre that organises the programme answers (its e-mail is the Reply-To of the
sign-up e-mails, its phone and e-mail are on the sign-up form); when the programme
names no organiser, the centre of the session's venue; failing both, the contact
details in the site settings. The data controller is the institution that runs that
centre (``CentrePage.operator_name``): the five Wielkopolska centres and the one in
Opole are run by different institutions. A centre that names none is run by the
organisation in the site's footer.
"""

from dataclasses import dataclass

from wagtail.models import Locale, Site

from home.models import CentrePage, Footer, SiteSettings


@dataclass(frozen=True)
class Contact:
    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    url: str = ""
    controller_name: str = ""
    controller_address: str = ""


def contact_for(*, page=None, session=None, locale=None):
    """The contact for questions about `session` of `page`, in `locale` (default: the active one)."""
    locale = locale or Locale.get_active()
    page = page or (session.page if session else None)
    centre = organising_centre(page=page, session=session)
    site = (page.get_site() if page else None) or Site.objects.filter(is_default_site=True).first()
    settings = SiteSettings.objects.filter(site=site).first() or SiteSettings()
    footer = Footer.for_language(locale.language_code)
    organisation = footer.organisation_name if footer else ""
    if centre is None:
        return Contact(
            name=organisation,
            email=settings.email,
            phone=settings.phone,
            address=settings.address,
            controller_name=organisation,
            controller_address=settings.address,
        )
    centre = centre.get_translation_or_none(locale) or centre
    if centre.operator_name:
        controller = (centre.operator_name, centre.operator_address)
    else:
        controller = (organisation, settings.address)
    # The centre's own ways to reach it, never half of them mixed with another office's:
    # an Opole family must not be given Poznań's phone beside Opole's e-mail.
    own = centre.email or centre.phone
    return Contact(
        name=centre.title,
        email=centre.email if own else settings.email,
        phone=centre.phone if own else settings.phone,
        address=centre.full_address,
        url=centre.get_full_url() or "",
        controller_name=controller[0],
        controller_address=controller[1],
    )


def organising_centre(*, page=None, session=None):
    """The centre page that organises `page`, else the centre of `session`'s venue."""
    organiser_id = getattr(page, "organiser_id", None)
    if organiser_id:
        return CentrePage.objects.filter(pk=organiser_id).first()
    venue = session.venue if session else None
    if venue is not None and venue.centre_id:
        return CentrePage.objects.filter(pk=venue.centre_id).first()
    return None
