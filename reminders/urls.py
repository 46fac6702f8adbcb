from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("varsler/", views.notification_list, name="list"),
    path("varsler/lest/", views.mark_read_view, name="mark-read"),
    path("varsler/innstillinger/", views.preferences, name="preferences"),
    path("varsler/kommune/<int:municipality_id>/", views.municipality_settings, name="municipality-settings"),
]
