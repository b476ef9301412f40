"""A registrant's private link and what it lets them do (see signup_views)."""

from django.urls import path

from . import views as signup_views

app_name = "signups"

urlpatterns = [
    path("<uuid:reference>/<str:token>/", signup_views.registration_view, name="detail"),
    path("<uuid:reference>/<str:token>/cancel/", signup_views.cancel_view, name="cancel"),
    path("<uuid:reference>/<str:token>/accept/", signup_views.accept_view, name="accept"),
    path(
        "<uuid:reference>/<str:token>/photos/",
        signup_views.photo_consent_view,
        name="photo_consent",
    ),
    path("<uuid:reference>/<str:token>/calendar.ics", signup_views.ics_view, name="ics"),
    path("<uuid:reference>/<str:token>/erase/", signup_views.erase_view, name="erase"),
]
