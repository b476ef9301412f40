"""The dashboard panel of sign-ups: today's and the coming week's meetings with
their places, waiting lists, and offers about to expire."""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from events.listing import live_programmes, local_midnight, occurrences, sessions_of
from events.models import LOCAL_TIMEZONE, Quota

from ..models import Registration

# How soon an offer must expire to be listed on the dashboard.
OFFERS_EXPIRING_WITHIN = datetime.timedelta(hours=24)
WEEK_AHEAD = 7


class SignUpsDashboardPanel(Component):
    """Today's and the coming week's meetings, waiting lists and offers about to expire.

    A fixed number of queries whatever the number of sessions: the week's meetings
    are read from the sessions' dates as the calendar reads them, their sessions in
    one query (with their places and waiting counts as subqueries).
    """

    name = "sign_ups_today"
    order = 90
    template_name = "signups/admin/dashboard_sign_ups.html"

    def get_context_data(self, parent_context):
        now = timezone.localtime(timezone.now(), LOCAL_TIMEZONE)
        today = now.date()
        tomorrow = local_midnight(today + datetime.timedelta(days=1))
        week_end = local_midnight(today + datetime.timedelta(days=WEEK_AHEAD + 1))
        meetings = list(occurrences(self.sessions(), local_midnight(today), week_end))
        return {
            "today": [m for m in meetings if m.starts_at < tomorrow or today in m.days],
            "week": [m for m in meetings if m.starts_at >= tomorrow],
            "waiting": self.waiting_lists(now),
            "offers": self.expiring_offers(now),
            "sign_ups_url": reverse("sign_ups:index"),
        }

    def sessions(self):
        quotas = Quota.objects.filter(session_key=OuterRef("translation_key"))
        waiting = (
            Registration.objects.filter(
                quota__session_key=OuterRef("translation_key"),
                status=Registration.Status.WAITING,
            )
            .values("quota")
            .annotate(places=Sum("places"))
            .values("places")
        )
        return (
            sessions_of(live_programmes(Locale.get_default()))
            .prefetch_related(None)  # the listing's audiences and languages: not shown here
            .not_cancelled()
            .annotate(
                quota_pk=Subquery(quotas.values("pk")[:1]),
                waiting_places=Subquery(waiting[:1]),
            )
        )

    def waiting_lists(self, now):
        """Sessions not over yet with people waiting, the longest list first."""
        one_off = Q(session__recurrence__isnull=True) | Q(session__recurrence="")
        return (
            Quota.objects.select_related("session__page")
            .filter(Q(session__ends_at__gte=now) | ~one_off)
            .filter(session__isnull=False, registrations__status=Registration.Status.WAITING)
            .annotate(
                waiting_sign_ups=Count("registrations"),
                waiting_places=Sum("registrations__places"),
            )
            .order_by("-waiting_places", "session__starts_at")[:20]
        )

    def expiring_offers(self, now):
        return (
            Registration.objects.filter(
                status=Registration.Status.OFFERED,
                offer_expires_at__lte=now + OFFERS_EXPIRING_WITHIN,
            )
            .select_related("quota__session__page")
            .order_by("offer_expires_at")[:20]
        )
