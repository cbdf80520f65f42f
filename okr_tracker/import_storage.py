"""django-import-export's temporary storage, kept in the database (see ImportUpload)."""
import datetime
from uuid import uuid4

from django.utils import timezone
from import_export.tmp_storages import BaseStorage


class DatabaseStorage(BaseStorage):
    def save(self, data):
        from .models import ImportUpload

        ImportUpload.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()
        if not self.name:
            self.name = uuid4().hex
        ImportUpload.objects.update_or_create(name=self.name, defaults={"data": bytes(data)})

    def read(self):
        from .models import ImportUpload

        return bytes(ImportUpload.objects.get(name=self.name).data)

    def remove(self):
        from .models import ImportUpload

        ImportUpload.objects.filter(name=self.name).delete()
