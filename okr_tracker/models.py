"""Project-wide models: the uploads kept between an import's preview and its confirmation, and the
files (evidence) kept in the database."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Stamp(models.Model):
    """One write of what `name` covers ("all", or "indicator:<pk>"): the version of `name` is its
    newest row's id. Cached figures are keyed by it, so no server serves figures older than the
    last commit. A row is inserted per write, never updated: concurrent writers never wait for
    (or deadlock on) one counter row."""

    name = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("version stamp")
        indexes = [models.Index(fields=["name", "id"], name="stamp_name_id")]

    def __str__(self):
        return f"{self.name}#{self.pk}"


class ImportUpload(models.Model):
    """An uploaded workbook between preview and confirm, in the database so that several app
    servers share it; removed on confirm, and anything older than a day is removed on the next upload."""

    name = models.CharField(max_length=64, unique=True)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import upload")

    def __str__(self):
        return self.name


class APIToken(models.Model):
    """A key for another BMA system to read the API as `user`. Only its SHA-256 is stored; the key
    is shown once, by `python manage.py create_api_token USERNAME`."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="which system uses it")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")

    def __str__(self):
        return f"{self.name} ({self.user})"


class StoredFile(models.Model):
    """A file saved through DatabaseFileStorage (okr_tracker/storage.py): evidence attached to
    reports. In the database, every app server reads the same files, a file is written in the same
    transaction as the row that points to it, and a database backup holds the files too."""

    name = models.CharField(max_length=255, unique=True)
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stored file")

    def __str__(self):
        return self.name
