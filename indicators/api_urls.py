"""/api/v1/: the read API (indicators/api.py, django-ninja): api:indicators, api:summary, api:openapi.
Any other path under it answers a JSON 404 (never an HTML page)."""
from django.http import JsonResponse
from django.urls import re_path

from .api import api

app_name = "api"
patterns, _app, _namespace = api.urls


def not_found(request, rest=""):
    return JsonResponse({"error": f"not found: {request.path}"}, status=404)


urlpatterns = [pattern for pattern in patterns if pattern.name != "api-root"] + [re_path(r"^(?P<rest>[\s\S]*)$", not_found)]
