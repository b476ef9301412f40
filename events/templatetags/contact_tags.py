from django import template

from ..contact import contact_for

register = template.Library()


@register.simple_tag
def organiser_contact(page, session=None):
    """Who answers questions about `session` of `page`, and who controls the data (events.contact)."""
    return contact_for(page=page, session=session)
