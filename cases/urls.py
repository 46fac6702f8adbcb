from django.urls import path

from cases import views

app_name = "cases"

# Case numbers only: nothing that identifies a child goes into a URL (they end up in logs and browser history).
urlpatterns = [
    path("saker/", views.case_list, name="list"),
    path("saker/ny/", views.case_register, name="register"),
    path("saker/<int:case_id>/", views.case_detail, name="detail"),
    path("saker/<int:case_id>/logg/ny/", views.log_entry_add, name="log-add"),
    path("saker/<int:case_id>/logg/<int:entry_id>/rett/", views.log_entry_correct, name="log-correct"),
    path("saker/<int:case_id>/foresatte/", views.guardians_contacted, name="guardians-contacted"),
    path("saker/<int:case_id>/niva/", views.level_change, name="level"),
    path("saker/<int:case_id>/tilgang/ny/", views.grant_add, name="grant-add"),
    path("saker/<int:case_id>/tilgang/<int:grant_id>/avslutt/", views.grant_end, name="grant-end"),
    path("saker/<int:case_id>/stafett/", views.handover_request, name="handover"),
    path("saker/<int:case_id>/stafett/<int:handover_id>/svar/", views.handover_answer, name="handover-answer"),
    path("saker/<int:case_id>/stafett/<int:handover_id>/trekk/", views.handover_withdraw, name="handover-withdraw"),
    path("saker/<int:case_id>/bekymringsmelding/", views.child_welfare_report_add, name="report"),
    path("saker/<int:case_id>/henvisning/ny/", views.referral_add, name="referral-add"),
    path("saker/<int:case_id>/henvisning/<int:referral_id>/svar/", views.referral_answer, name="referral-answer"),
    path("saker/<int:case_id>/tiltak/nytt/", views.case_measure_add, name="measure-add"),
    path("saker/<int:case_id>/tiltak/<int:measure_id>/evaluer/", views.case_measure_evaluate, name="measure-evaluate"),
    path("saker/<int:case_id>/barnet/", views.child_edit, name="child-edit"),
    path("saker/<int:case_id>/foresatte/ny/", views.guardian_edit, name="guardian-add"),
    path("saker/<int:case_id>/foresatte/<int:guardian_id>/", views.guardian_edit, name="guardian-edit"),
    path("saker/<int:case_id>/plan/", views.case_plan, name="plan"),
    path("saker/<int:case_id>/avslutt/", views.case_close, name="close"),
    path("saker/<int:case_id>/gjenapne/", views.case_reopen, name="reopen"),
]
