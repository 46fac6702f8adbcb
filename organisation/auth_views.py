from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from organisation.auth import client_ip
from organisation.forms import StyledPasswordResetForm
from organisation.services import password_reset_request


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, but the e-mail is sent by a task and requests are throttled.

    Every valid request answers the same redirect at once, whether the address has an account, was
    throttled, or the mail server is slow: nobody learns who has an account, and no worker waits on SMTP.
    """

    form_class = StyledPasswordResetForm

    def form_valid(self, form):
        password_reset_request(
            email=form.cleaned_data["email"],
            client_ip=client_ip(self.request),
            base_url=f"{self.request.scheme}://{self.request.get_host()}",
        )
        return HttpResponseRedirect(self.get_success_url())
