from django import template

from signups import services

register = template.Library()


@register.filter
def takes_sign_ups(session):
    """Whether a visitor can sign up for `session` now, on a place or the waiting list."""
    return services.public_state(session).takes_sign_ups


@register.simple_tag
def sign_up_status(session):
    """What a visitor can do about `session` now (``services.PublicState``).

    ``{% sign_up_status session as state %}``: the badge, the link and the notices
    of every page read this one answer.
    """
    return services.public_state(session)


@register.simple_tag
def sign_up_path(page, session):
    """The sign-up form's path below `page`'s URL (use after ``{% pageurl page %}``)."""
    return page.reverse_subpage("sign_up", kwargs={"session_key": session.translation_key})
