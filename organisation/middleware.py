import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

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
