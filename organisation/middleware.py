import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

SESSION_STARTED_KEY = "laget_session_started"
SESSION_REFRESHED_KEY = "laget_session_refreshed"
# How often a busy session's expiry is moved on. Writing it on every request (SESSION_SAVE_EVERY_REQUEST) cost
# an UPDATE of the session row per page; once a minute keeps the idle timeout to within that minute.
SESSION_REFRESH_SECONDS = 60


class SessionLifetimeMiddleware:
    """The two timeouts of a logged-in session.

    Idle (ASVS 7.3.1): the session row expires SESSION_COOKIE_AGE after it was last saved, and Django refuses it
    after that. An active session is saved (its expiry moved on) when it was last refreshed more than
    SESSION_REFRESH_SECONDS ago, so a session idle for SESSION_COOKIE_AGE is always gone; one idle for a minute
    less may already be.

    Absolute (ASVS 7.3.2): the session ends SESSION_ABSOLUTE_HOURS after login, however active it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault(SESSION_STARTED_KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_HOURS * 3600:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if now - session.get(SESSION_REFRESHED_KEY, 0) >= SESSION_REFRESH_SECONDS:
                session[SESSION_REFRESHED_KEY] = now  # modified: SessionMiddleware saves it with a new expiry
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages behind login must not be kept by browsers or proxies (ASVS 14.3.2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class RequestSizeLimitMiddleware:
    """Answer 413 to a request that announces a body over MAX_REQUEST_BYTES, before anything reads it.

    Django reads a body only up to its Content-Length (a chunked body without one reads as empty), so the
    announced length is what bounds the work, whoever sends it and whatever the view would do with it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # as Django reads it
        if length > settings.MAX_REQUEST_BYTES:
            return HttpResponse(_("Forespørselen er for stor."), status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
