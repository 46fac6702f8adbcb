from django.urls import path

from organisation import views

app_name = "organisation"

urlpatterns = [
    path("start/", views.staff_home, name="staff-home"),
    path("ledelse/", views.leadership_home, name="leadership-home"),
    path("kommuner/", views.municipality_list, name="municipality-list"),
    path("tjenester/<int:service_id>/", views.service_detail, name="service-detail"),
    path("administrasjon/", views.admin_home, name="admin-home"),
    path("administrasjon/kommuner/<int:municipality_id>/endre/", views.municipality_edit, name="municipality-edit"),
    path("administrasjon/tjenester/", views.service_list, name="service-list"),
    path("administrasjon/tjenester/ny/", views.service_create, name="service-create"),
    path("administrasjon/tjenester/<int:service_id>/endre/", views.service_edit, name="service-edit"),
    path("administrasjon/personer/", views.person_list, name="person-list"),
    path("administrasjon/personer/ny/", views.person_create_view, name="person-create"),
    path("administrasjon/personer/<int:person_id>/endre/", views.person_edit, name="person-edit"),
    path("administrasjon/personer/<int:person_id>/invitasjon/", views.person_invite, name="person-invite"),
    path("administrasjon/stillinger/", views.position_list, name="position-list"),
    path("administrasjon/stillinger/ny/", views.position_create, name="position-create"),
    path("administrasjon/stillinger/<int:position_id>/endre/", views.position_edit, name="position-edit"),
]
