from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class OkrTrackerConfig(AppConfig):
    name = "okr_tracker"
    verbose_name = "BMA KPI Tracker"

    def ready(self):
        checks.register(check_defusedxml, checks.Tags.security)
        checks.register(check_site_url, checks.Tags.security, deploy=True)
        # After auth's own handler (its app comes first) has created the permissions.
        post_migrate.connect(name_permissions_in_thai, dispatch_uid="okr_tracker.name_permissions_in_thai")


PERMISSION_ACTIONS = {"add": "เพิ่ม", "change": "แก้ไข", "delete": "ลบ", "view": "ดู"}


def name_permissions_in_thai(using="default", **kwargs):
    """Django stores a permission's name once, in English ("Can add district"), and shows it as
    stored on the user and group pages. Name them the Thai way: "เพิ่ม เขต ได้", or a model's own
    Meta.permissions text in Thai."""
    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.utils import translation

    with translation.override("th"):
        names = {}
        for model in apps.get_models():
            content = (model._meta.app_label, model._meta.model_name)
            verbose = str(model._meta.verbose_name)
            if verbose.startswith("historical "):  # django-simple-history's name, not translatable
                verbose = "ประวัติของ" + verbose[len("historical "):]
            for action, thai in PERMISSION_ACTIONS.items():
                names[(*content, f"{action}_{model._meta.model_name}")] = f"{thai} {verbose} ได้"
            for codename, text in model._meta.permissions:
                names[(*content, codename)] = str(text)
    changed = []
    for permission in Permission.objects.using(using).select_related("content_type"):
        name = names.get((permission.content_type.app_label, permission.content_type.model, permission.codename))
        if name and permission.name != name[:255]:
            permission.name = name[:255]
            changed.append(permission)
    Permission.objects.using(using).bulk_update(changed, ["name"])


def check_defusedxml(app_configs, **kwargs):
    """openpyxl parses workbooks with defusedxml only when it is installed: an XML entity bomb
    in an uploaded workbook must not reach the standard library's parser."""
    import openpyxl

    if not getattr(openpyxl, "DEFUSEDXML", False):
        return [checks.Error("openpyxl is not using defusedxml", hint="pip install defusedxml (pinned in requirements.txt)",
                             id="okr_tracker.E001")]
    return []


def check_site_url(app_configs, **kwargs):
    """Mail links start with SITE_URL: in production it must be the public address, not the
    development default (a reset link to 127.0.0.1:8000 reaches nobody)."""
    from django.conf import settings

    if not getattr(settings, "SITE_URL_IS_SET", True) or "127.0.0.1" in settings.SITE_URL or "localhost" in settings.SITE_URL:
        return [checks.Error("SITE_URL is not set to the site's public address",
                             hint="Set SITE_URL=https://kpi.example.go.th (deploy/okr-tracker.env.example); mail links "
                                  "start with it.", id="okr_tracker.E002")]
    return []
