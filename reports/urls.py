from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("arsrapport/", views.report_index, name="report-index"),
    path("arsrapport/<int:report_id>/", views.report_detail, name="report-detail"),
    path("arsrapport/<int:report_id>/last-ned/", views.report_download, name="report-download"),
    path("arsrapport/<int:report_id>/lag-pa-nytt/", views.report_retry_view, name="report-retry"),
    path("arsrapport/<int:report_id>/legg-ved/", views.report_attach_view, name="report-attach"),
    path(
        "arsrapport/kommune/<int:municipality_id>/<str:kind>/<int:year>/forhandsvisning/",
        views.report_preview,
        name="report-preview",
    ),
    path(
        "arsrapport/kommune/<int:municipality_id>/<str:kind>/<int:year>/tekster/",
        views.report_texts,
        name="report-texts",
    ),
    path("arsrapport/kommune/<int:municipality_id>/tall/", views.report_data, name="report-data"),
    path(
        "arsrapport/kommune/<int:municipality_id>/indikator/<int:indicator_id>/",
        views.indicator_edit,
        name="indicator-edit",
    ),
    path(
        "arsrapport/kommune/<int:municipality_id>/kompetanse/<int:competence_id>/",
        views.competence_edit,
        name="competence-edit",
    ),
    path(
        "arsrapport/kommune/<int:municipality_id>/indikator/<int:indicator_id>/slett/",
        views.indicator_delete_view,
        name="indicator-delete",
    ),
    path(
        "arsrapport/kommune/<int:municipality_id>/kompetanse/<int:competence_id>/slett/",
        views.competence_delete_view,
        name="competence-delete",
    ),
]
