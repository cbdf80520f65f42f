"""Django's file storage API over the StoredFile table: uploaded evidence lives in the database.

Files are at most 10 MB (the evidence limit), so a file is read and written whole. There are no
public URLs: evidence is served by the evidence view, which checks who may read the report."""
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible


@deconstructible
class DatabaseFileStorage(Storage):
    def _open(self, name, mode="rb"):
        from .models import StoredFile

        if "w" in mode or "a" in mode:
            raise ValueError("database files are written with save(), not opened for writing")
        try:
            data = StoredFile.objects.values_list("data", flat=True).get(name=name)
        except StoredFile.DoesNotExist:
            raise FileNotFoundError(name) from None
        return ContentFile(bytes(data), name=name)

    def _save(self, name, content):
        from .models import StoredFile

        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks())
        StoredFile.objects.create(name=name, data=data, size=len(data))
        return name

    def exists(self, name):
        from .models import StoredFile

        return StoredFile.objects.filter(name=name).exists()

    def delete(self, name):
        from .models import StoredFile

        StoredFile.objects.filter(name=name).delete()

    def size(self, name):
        from .models import StoredFile

        try:
            return StoredFile.objects.values_list("size", flat=True).get(name=name)
        except StoredFile.DoesNotExist:
            raise FileNotFoundError(name) from None

    def url(self, name):
        raise NotImplementedError("files are served by views that check permissions")
