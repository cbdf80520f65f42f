from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Quarterly reports")

    def ready(self):
        from indicators.versions import watch_indicator_figures

        from .models import Report

        watch_indicator_figures(Report)  # a report's save changes "including submitted" figures
