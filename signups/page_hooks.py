"""
Deleting or unpublishing a programme page that people are signed up for.

Wagtail's own confirmation says nothing about the families signed up, and its
deletion leaves their sign-ups confirmed for a session that no longer exists. So,
when the page (or one of its language versions) has active sign-ups, the editor
sees how many people are affected first; confirming cancels every sign-up through
``services.cancel_session`` (each family is e-mailed in its language, as with
"Cancel session") before Wagtail deletes or unpublishes the page. The language
versions go with the Polish page: deleted with it (Wagtail's
``construct_translated_pages_to_cascade_actions``), unpublished with it
(``events.translation_sync``). A translation deleted on its own cancels nothing:
the sign-ups belong to the session in every language and the Polish page keeps
taking them. Bulk actions cannot show this warning: they refuse such pages.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from events.editor_forms import CancelSessionForm
from events.models import ProgrammePage, Quota, Session
from events.translation_sync import is_source, translations_of

from . import services
from .models import Registration

# The button of the warning page; without it a POST only shows the warning again.
CONFIRM = "cancel_sign_ups"


def programmes_in(page):
    """The programme pages at or below `page`."""
    return ProgrammePage.objects.descendant_of(page, inclusive=True)


def active_sign_ups(programmes):
    """Active sign-ups for the sessions of `programmes` in any language: a queryset."""
    keys = Session.objects.filter(
        page__translation_key__in=programmes.values("translation_key")
    ).values("translation_key")
    return Registration.objects.filter(quota__session_key__in=keys, status__in=Registration.ACTIVE)


def has_sign_ups(page):
    """Whether people are signed up for a session of programme `page` (in any language)."""
    return active_sign_ups(ProgrammePage.objects.filter(pk=page.pk)).exists()


def sign_up_counts(programmes):
    """How many active sign-ups, and how many people in them (participants not cancelled)."""
    counts = active_sign_ups(programmes).aggregate(sign_ups=Count("pk"), people=Sum("places"))
    return counts["sign_ups"], counts["people"] or 0


def cancel_sign_ups(page, *, notes, user):
    """Cancel every session of `page` that people are signed up for, in every language.

    `notes` says why, by language code. Each family is e-mailed
    (``services.cancel_session``); each session's cancellation is in the sign-up
    audit log, as from "Cancel session" (the service logs it).
    """
    # In pk order, the one lock order of signups.services for more than one quota.
    quotas = Quota.objects.filter(
        pk__in=active_sign_ups(ProgrammePage.objects.filter(pk=page.pk)).values("quota")
    ).order_by("pk")
    with transaction.atomic():
        for quota in quotas:
            session = Session.objects.filter(translation_key=quota.session_key).first()
            services.cancel_session(session=session, notes=notes, user=user)


def warning(request, page, action, form=None):
    """The page that says who is affected, with the form that confirms."""
    sign_ups, people = sign_up_counts(ProgrammePage.objects.filter(pk=page.pk))
    source = is_source(page)
    if action == "delete":
        title = gettext("Delete “%(title)s”")
    else:
        title = gettext("Unpublish “%(title)s”")
    context = {
        "page": page,
        "action": action,
        "source": source,
        "sign_ups": sign_ups,
        "people": people,
        "translations": translations_of(page).count() if source else 0,
        "form": form or CancelSessionForm(),
        "confirm": CONFIRM,
        "next": get_valid_next_url_from_request(request),
        "back_url": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        "page_title": title % {"title": page.get_admin_display_title()},
        "header_icon": "doc-empty-inverse",
    }
    return TemplateResponse(request, "signups/admin/page_sign_ups.html", context)


def confirmed_cancel(request, page, action):
    """None when the editor confirmed and the sign-ups are cancelled; else the warning."""
    if request.method == "POST" and CONFIRM in request.POST:
        if not is_source(page):
            return None
        form = CancelSessionForm(request.POST)
        if form.is_valid():
            cancel_sign_ups(page, notes=form.notes(), user=request.user)
            return None
        return warning(request, page, action, form)
    return warning(request, page, action)


@hooks.register("before_delete_page")
def warn_before_deleting_sign_ups(request, page):
    page = page.specific
    if not isinstance(page, ProgrammePage):
        return refuse_programmes_below(request, page, "delete")
    if not has_sign_ups(page):
        return None
    return confirmed_cancel(request, page, "delete")


@hooks.register("before_unpublish_page")
def warn_before_unpublishing_sign_ups(request, page):
    page = page.specific
    if not isinstance(page, ProgrammePage):
        # Pages below an unpublished page stay live unless they are unpublished too.
        if not request.POST.get("include_descendants"):
            return None
        return refuse_programmes_below(request, page, "unpublish")
    # A translation unpublished alone: the Polish page keeps taking sign-ups.
    if not is_source(page) or not has_sign_ups(page):
        return None
    return confirmed_cancel(request, page, "unpublish")


@hooks.register("after_unpublish_page")
def say_translations_were_unpublished(request, page):
    page = page.specific
    if isinstance(page, ProgrammePage) and is_source(page) and translations_of(page).exists():
        messages.success(request, gettext("Its other language versions were unpublished too."))


@hooks.register("construct_translated_pages_to_cascade_actions")
def delete_translations_with_the_source(pages, action):
    """A deleted Polish programme takes its language versions with it."""
    if action != "delete":
        return {}
    return {
        page: ProgrammePage.objects.filter(translation_key=page.translation_key).exclude(
            pk=page.pk
        )
        for page in pages
        if issubclass(page.specific_class, ProgrammePage) and is_source(page)
    }


def refuse_programmes_below(request, page, action):
    """Refuse to delete or unpublish a page with programmes below it that people signed up for.

    Each programme is to be deleted or unpublished on its own, where the warning is.
    """
    programmes = programmes_in(page).exclude(pk=page.pk)
    if action == "unpublish":
        # Translations unpublished alone leave the sign-ups to the Polish pages.
        programmes = programmes.filter(locale__language_code=settings.LANGUAGE_CODE)
    if not active_sign_ups(programmes).exists():
        return None
    if action == "delete":
        text = gettext(
            "People are signed up for programmes below “%(title)s”: delete those programmes "
            "first, one by one, to cancel their sign-ups and tell each family."
        )
    else:
        text = gettext(
            "People are signed up for programmes below “%(title)s”: unpublish those "
            "programmes first, one by one, to cancel their sign-ups and tell each family."
        )
    messages.error(request, text % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_explore", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_actions_on_sign_ups(request, action_type, objects, action_class_instance):
    """Bulk delete and unpublish cannot warn about sign-ups: they refuse such pages.

    Without sign-ups they go ahead; a bulk-deleted Polish programme takes its
    language versions with it, as from its own page.
    """
    pages = [page for page in objects if isinstance(page, Page)]
    if action_type not in ("delete", "unpublish") or not pages:
        return None
    for page in pages:
        if action_type == "delete":
            programmes = programmes_in(page)
        else:
            cleaned = action_class_instance.cleaned_form.cleaned_data
            programmes = (
                programmes_in(page)
                if cleaned.get("include_descendants")
                else ProgrammePage.objects.filter(pk=page.pk)
            ).filter(locale__language_code=settings.LANGUAGE_CODE)
        if active_sign_ups(programmes).exists():
            messages.error(
                request,
                gettext(
                    "People are signed up for “%(title)s” (or programmes below it): "
                    "delete or unpublish it on its own page, which cancels their sign-ups "
                    "and tells each family."
                )
                % {"title": page.get_admin_display_title()},
            )
            return redirect(
                get_valid_next_url_from_request(request)
                or reverse("wagtailadmin_explore", args=(page.get_parent().pk,))
            )
    if action_type == "delete":
        chosen = {page.pk for page in pages}
        for translations in delete_translations_with_the_source(pages, "delete").values():
            objects.extend(page for page in translations if page.pk not in chosen)
    return None
