from django.urls import path

from measures import partner_views, views

app_name = "measures"

urlpatterns = [
    path("tiltak/", views.pyramid, name="pyramid"),
    path("tiltak/liste/", views.measure_list, name="measure-list"),
    path("tiltak/liste.csv", views.measure_export, name="measure-export"),
    path("tiltak/ny/", views.measure_create, name="measure-create"),
    path("tiltak/import/", views.catalogue_import_view, name="catalogue-import"),
    path("tiltak/<int:measure_id>/", views.measure_detail, name="measure-detail"),
    path("tiltak/<int:measure_id>/endre/", views.measure_edit, name="measure-edit"),
    path("tiltak/<int:measure_id>/avslutt/", views.measure_end_view, name="measure-end"),
    path("tiltak/<int:measure_id>/evaluer/", views.evaluation_create, name="evaluation-create"),
    path("tiltak/samarbeidspartnere/ny/", partner_views.partner_create, name="partner-create"),
    path("tiltak/samarbeidspartnere/<int:partner_id>/", partner_views.partner_edit, name="partner-edit"),
    path("tiltak/samarbeidspartnere/<int:partner_id>/fjern/", partner_views.partner_delete_view, name="partner-delete"),
    path("er-du-urolig/", views.public_index, name="public-index"),
    path("er-du-urolig/<str:number>/", views.public_help, name="public-help"),
]
