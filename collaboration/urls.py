from django.urls import path

from collaboration import views

app_name = "collaboration"

urlpatterns = [
    path("moter/strukturer/", views.structure_list, name="structure-list"),
    path("moter/strukturer/ny/", views.structure_create, name="structure-create"),
    path("moter/strukturer/<int:structure_id>/", views.structure_detail, name="structure-detail"),
    path("moter/strukturer/<int:structure_id>/endre/", views.structure_edit, name="structure-edit"),
    path("moter/strukturer/<int:structure_id>/foresla-aar/", views.structure_propose_year, name="structure-propose"),
    path("moter/strukturer/<int:structure_id>/nytt-mote/", views.structure_meeting_add, name="structure-meeting-add"),
    path("moter/arshjul/", views.year_wheel, name="year-wheel"),
    path("moter/<int:meeting_id>/", views.meeting_detail, name="meeting-detail"),
    path("moter/<int:meeting_id>/innkall/", views.meeting_convene_view, name="meeting-convene"),
    path("moter/<int:meeting_id>/avlys/", views.meeting_cancel_view, name="meeting-cancel"),
    path("moter/<int:meeting_id>/gjenopprett/", views.meeting_restore_view, name="meeting-restore"),
    path("moter/<int:meeting_id>/saker/", views.agenda_item_add_view, name="agenda-add"),
    path("moter/<int:meeting_id>/saker/<int:item_id>/fjern/", views.agenda_item_remove_view, name="agenda-remove"),
    path("moter/<int:meeting_id>/mote.ics", views.meeting_ics, name="meeting-ics"),
    path("moter/<int:meeting_id>/referat/", views.minutes_edit, name="minutes-edit"),
    path("moter/<int:meeting_id>/referat/godkjenn/", views.minutes_approve_view, name="minutes-approve"),
    path("moter/<int:meeting_id>/referat/rett/", views.minutes_correct_view, name="minutes-correct"),
    path("moter/<int:meeting_id>/referat.pdf", views.minutes_pdf_view, name="minutes-pdf"),
    path("moter/<int:meeting_id>/referat-pdf/lag-igjen/", views.minutes_pdf_retry_view, name="minutes-pdf-retry"),
    path("moter/<int:meeting_id>/oppmote/", views.attendance_edit, name="attendance-edit"),
    path("moter/<int:meeting_id>/oppgaver/", views.action_item_add_view, name="action-item-add"),
    path("oppgaver/", views.action_item_list, name="action-item-list"),
    path("oppgaver/<int:item_id>/lukk/", views.action_item_close_view, name="action-item-close"),
    path("oppgaver/<int:item_id>/gjenapne/", views.action_item_reopen_view, name="action-item-reopen"),
    path("oppgaver/<int:item_id>/gi-videre/", views.action_item_assign_view, name="action-item-assign"),
    path(
        "moter/strukturer/<int:structure_id>/plasser/<int:position_id>/godta/",
        views.seat_accept_view,
        name="seat-accept",
    ),
    path("kalender/", views.calendar_settings, name="calendar"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
