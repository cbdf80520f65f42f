"""Project-wide models: the uploads kept between an import's preview and its confirmation."""
from django.db import models


class ImportUpload(models.Model):
    """An uploaded workbook between preview and confirm, in the database so that several app
    servers share it; removed on confirm, and anything older than a day is removed on the next upload."""

    name = models.CharField(max_length=64, unique=True)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "import upload"

    def __str__(self):
        return self.name
