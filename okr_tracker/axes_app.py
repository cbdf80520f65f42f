"""django-axes (the record of sign-in attempts and lockouts) under a Thai name in the admin: it shows
“Axes”, the package's name, otherwise. In a module of its own, so that okr_tracker/apps.py keeps one
AppConfig (Django picks an app's config automatically only when there is one)."""
from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts")
