from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def takes_sign_ups(session):
    """Whether a visitor can sign up for `session` now, on a place or the waiting list."""
    return session.public_state().takes_sign_ups


@register.simple_tag
def sign_up_status(session):
    """What a visitor can do about `session` now (``events.sign_up_state.PublicState``).

    ``{% sign_up_status session as state %}``: the badge, the link and the notices
    of every page read this one answer.
    """
    return session.public_state()


@register.simple_tag
def sign_up_url(session):
    """The address of `session`'s sign-up form, in the active language."""
    return reverse("signups:sign_up", kwargs={"session_key": session.translation_key})
