from django.apps import AppConfig
from django.core import checks


class OkrTrackerConfig(AppConfig):
    name = "okr_tracker"
    verbose_name = "BMA KPI Tracker"

    def ready(self):
        checks.register(check_defusedxml, checks.Tags.security)


def check_defusedxml(app_configs, **kwargs):
    """openpyxl parses workbooks with defusedxml only when it is installed: an XML entity bomb
    in an uploaded workbook must not reach the standard library's parser."""
    import openpyxl

    if not getattr(openpyxl, "DEFUSEDXML", False):
        return [checks.Error("openpyxl is not using defusedxml", hint="pip install defusedxml (pinned in requirements.txt)",
                             id="okr_tracker.E001")]
    return []
