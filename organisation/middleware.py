import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

SESSION_STARTED_KEY = "laget_session_started"


class AbsoluteSessionLifetimeMiddleware:
    """End a session a fixed time after login, however active it is (ASVS 7.3.2).

    The idle timeout is Django's own: SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_HOURS * 3600:
                logout(request)
                return redirect(settings.LOGIN_URL)
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
