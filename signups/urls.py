"""The sign-up form of a session, a registrant's private link and what it lets them do,
and the alerts form with a subscription's private link."""

from django.urls import path

from . import alert_views, views

app_name = "signups"

urlpatterns = [
    path("session/<uuid:session_key>/", views.sign_up_view, name="sign_up"),
    path("<uuid:reference>/<str:token>/", views.registration_view, name="detail"),
    path("<uuid:reference>/<str:token>/cancel/", views.cancel_view, name="cancel"),
    path("<uuid:reference>/<str:token>/accept/", views.accept_view, name="accept"),
    path(
        "<uuid:reference>/<str:token>/photos/",
        views.photo_consent_view,
        name="photo_consent",
    ),
    path("<uuid:reference>/<str:token>/calendar.ics", views.ics_view, name="ics"),
    path("<uuid:reference>/<str:token>/erase/", views.erase_view, name="erase"),
    path("alerts/", alert_views.subscribe_view, name="alert_subscribe"),
    path("alerts/sent/", alert_views.sent_view, name="alert_sent"),
    path("alerts/<str:token>/", alert_views.manage_view, name="alert_manage"),
    path("alerts/<str:token>/confirm/", alert_views.confirm_view, name="alert_confirm"),
    path("alerts/<str:token>/keep/", alert_views.keep_view, name="alert_keep"),
    path(
        "alerts/<str:token>/unsubscribe/", alert_views.unsubscribe_view, name="alert_unsubscribe"
    ),
]
