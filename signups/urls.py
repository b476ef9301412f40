"""The sign-up form of a session, and a registrant's private link and what it lets them do."""

from django.urls import path

from . import views

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
]
