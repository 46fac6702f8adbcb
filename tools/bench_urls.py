"""The app's URLs plus the benchmark's ceiling page: 50 rows from one query, the simplest real page."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from organisation.models import User

# The same layout as every page of the app, around a table of 50 rows from one query.
_CEILING = engines["django"].from_string(
    "{% extends 'base.html' %}{% block content %}<table class='ds-table'><caption>Tak</caption>"
    "{% for person in people %}<tr><td>{{ person.full_name }}</td><td>{{ person.email }}</td></tr>{% endfor %}"
    "</table>{% endblock %}"
)


def ceiling(request):
    return HttpResponse(_CEILING.render({"people": User.objects.order_by("pk")[:50]}, request))


urlpatterns = [path("__bench/ceiling/", ceiling), path("", include("config.urls"))]
