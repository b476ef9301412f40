from django import template

from events import services

register = template.Library()


@register.filter
def takes_sign_ups(session):
    """Whether a visitor can sign up for `session` now, on a place or the waiting list."""
    if services.sign_up_state(session) is not None:
        return False
    return bool(session.places_left) or session.waiting_list


@register.simple_tag
def sign_up_path(page, session):
    """The sign-up form's path below `page`'s URL (use after ``{% pageurl page %}``)."""
    return page.reverse_subpage("sign_up", kwargs={"session_key": session.translation_key})
