from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from organisation.auth_views import PasswordResetView
from organisation.forms import EmailAuthenticationForm, StyledPasswordChangeForm, StyledSetPasswordForm
from organisation.views import home

auth_patterns = [
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "passord/glemt/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("passord/glemt/sendt/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "passord/nytt/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=StyledSetPasswordForm,
            success_url=reverse_lazy("password_reset_complete"),
            reset_url_token="velg-passord",  # noqa: S106 (a path segment: Norwegian instead of set-password)
        ),
        name="password_reset_confirm",
    ),
    path("passord/nytt/ferdig/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path(
        "passord/endre/",
        auth_views.PasswordChangeView.as_view(form_class=StyledPasswordChangeForm),
        name="password_change",
    ),
    path("passord/endre/ferdig/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

urlpatterns = [
    path("", home, name="home"),
    path("", include(auth_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("organisation.urls")),
    path("", include("measures.urls")),
    path("", include("cases.urls")),
    path("", include("collaboration.urls")),
    path("", include("reminders.urls")),
    path("", include("reports.urls")),
    path("django-admin/", admin.site.urls),
]
