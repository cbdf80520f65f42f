from django.urls import path

from . import api

app_name = "api"
urlpatterns = [
    path("indicators/", api.indicators, name="indicators"),
    path("indicators/<str:code>/<int:year>/q<int:quarter>/", api.summary, name="summary"),
    path("openapi.json", api.openapi, name="openapi"),
]
