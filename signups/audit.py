"""
The sign-up audit log: who changed or looked at whose sign-ups, and when.

Entries are Wagtail's own (``ModelLogEntry``), written against the session's
:class:`~events.models.Quota` (or, for staff handling the personal data of an
alert subscription, against the :class:`~signups.models.AlertSubscription`, which
belongs to no session) and listed under Reports → Sign-up audit log
(``signups.reports``). Every change to a sign-up is logged by the service that
makes it (``signups.services``, ``signups.privacy``), whoever asked: a member of
staff (``user``), the family through its private link, or a scheduled job (both
``user=None``, shown as "system", the action saying which). Looking at and
exporting participant lists change nothing and are logged by the admin views.

An entry holds references and counts only, never a name or an address: the site
history is open to more people than the participant lists.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

# (action, label, message), registered by wagtail_hooks.py.
LOG_ACTIONS = [
    # Staff looking (events/admin_views.py, attendance_views.py, privacy_views.py).
    ("events.view_participants", _("View participants"), _("Viewed the participants")),
    ("events.export_participants", _("Export participants"), _("Exported the participants")),
    (
        "events.view_personal_data",
        _("Look up personal data"),
        _("Looked up the sign-ups of an e-mail address"),
    ),
    (
        "events.export_personal_data",
        _("Export personal data"),
        _("Exported the sign-ups of an e-mail address"),
    ),
    (
        "events.view_alert_subscription",
        _("Look up alerts"),
        _("Looked up the alert subscription of an e-mail address"),
    ),
    (
        "events.export_alert_subscription",
        _("Export alerts"),
        _("Exported the alert subscription of an e-mail address"),
    ),
    # Staff changing (events/services.py, events/privacy.py).
    ("events.mark_attendance", _("Mark attendance"), _("Marked attendance")),
    ("events.cancel_registration", _("Cancel a sign-up"), _("Cancelled a sign-up")),
    ("events.offer_places", _("Offer places"), _("Offered places to a waiting sign-up")),
    ("events.change_capacity", _("Change places"), _("Changed the number of places")),
    ("events.cancel_session", _("Cancel session"), _("Cancelled the session")),
    (
        "events.erase_personal_data",
        _("Erase personal data"),
        _("Erased the sign-ups of an e-mail address"),
    ),
    (
        "events.erase_alert_subscription",
        _("Erase alerts"),
        _("Deleted the alert subscription of an e-mail address"),
    ),
    (
        "events.staff_sign_up",
        _("Add a sign-up"),
        _("Added a sign-up by phone or at the desk (consent read to the family)"),
    ),
    ("events.edit_registration", _("Edit a sign-up"), _("Edited a sign-up")),
    (
        "events.move_registration",
        _("Move a sign-up"),
        _("Moved a sign-up to another session"),
    ),
    (
        "events.move_registration_here",
        _("Sign-up moved here"),
        _("Moved a sign-up here from another session"),
    ),
    (
        "events.cancel_participant",
        _("Cancel a participant"),
        _("Cancelled one participant of a sign-up"),
    ),
    ("events.email_session", _("E-mail a session"), _("E-mailed the families of the session")),
    # The family, through the public form and its private link.
    (
        "events.registrant_sign_up",
        _("Family signed up"),
        _("The family signed up through the public form"),
    ),
    (
        "events.registrant_cancel_registration",
        _("Family cancelled its sign-up"),
        _("The family cancelled its sign-up through its private link"),
    ),
    (
        "events.registrant_cancel_participant",
        _("Family cancelled a participant"),
        _("The family cancelled one participant through its private link"),
    ),
    (
        "events.registrant_accept_offer",
        _("Family accepted the offer"),
        _("The family accepted the places offered through its private link"),
    ),
    (
        "events.registrant_withdraw_photo_consent",
        _("Family withdrew photo consent"),
        _("The family withdrew the consent to photos of a participant through its private link"),
    ),
    (
        "events.registrant_erase_personal_data",
        _("Family erased its data"),
        _("The family erased its own personal data through its private link"),
    ),
    # Scheduled jobs (events/tasks.py and the management commands).
    (
        "events.expire_offer",
        _("Offer expired"),
        _("An offer not accepted in time was withdrawn and its places passed on"),
    ),
    (
        "events.retention_erase_personal_data",
        _("Data erased after the keeping time"),
        _("Personal data erased at the end of its keeping time"),
    ),
    (
        "events.retention_erase_sensitive_answers",
        _("Sensitive answers erased after the keeping time"),
        _("Health notes and other sensitive answers erased at the end of their keeping time"),
    ),
]


def log_action(quota, action, *, user, **data):
    """Write `action` on `quota`'s session to the audit log, with `data` (references, counts).

    `user` is None for the family and for scheduled jobs; inside an admin request
    Wagtail fills it in from its log context (an editor publishing a page).
    """
    return log(quota, action, user=user, data=data)


def log_subscription_action(subscription, action, *, user):
    """Write `action` on alert `subscription` to the audit log, by its number.

    Its title is not the subscription's own (its e-mail address), so that the
    address stays out of the log like a registrant's.
    """
    title = gettext("Alert subscription %(number)s") % {"number": subscription.pk}
    return log(
        subscription, action, user=user, title=title, data={"subscription": subscription.pk}
    )
