"""Evidence files: what may be uploaded, decided by the file's content, not its name."""
import zipfile

from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_REPORT = 20
# All the files attached in one save: the reverse proxy's body limit (deploy/nginx-okr-tracker.conf,
# client_max_body_size 55m) sits above this, so that the form, not the proxy, refuses more and the
# user keeps what they typed. The form's script checks both limits before anything is sent.
MAX_UPLOAD_BYTES_PER_SAVE = 50 * 1024 * 1024

_OFFICE_ZIP = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_OLE = {".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint"}


_EXTENSIONS = {"application/pdf": (".pdf",), "image/png": (".png",), "image/jpeg": (".jpg", ".jpeg"),
               **{content_type: (extension,) for extension, content_type in {**_OFFICE_ZIP, **_OLE}.items()}}


def name_for(name, content_type):
    """The file's name with the extension of its real type: a PDF called "page.html" is kept and
    downloaded as "page.pdf", never opened by a browser or a desktop as a web page."""
    allowed = _EXTENSIONS.get(content_type)
    if not allowed or _extension(name) in allowed:
        return name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return (stem or "file")[:240] + allowed[0]


class EvidenceRejected(ValueError):
    pass


def _extension(name):
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


def sniff_content_type(uploaded_file):
    """The file's real type from its first bytes, or EvidenceRejected with a Thai message."""
    name = uploaded_file.name
    if uploaded_file.size > MAX_EVIDENCE_BYTES:
        raise EvidenceRejected(_("“%(name)s” is larger than 10 MB.") % {"name": name})
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    extension = _extension(name)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and extension in _OLE:
        return _OLE[extension]
    if head.startswith(b"PK\x03\x04") and extension in _OFFICE_ZIP:
        try:
            with zipfile.ZipFile(uploaded_file) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        finally:
            uploaded_file.seek(0)
        if "[Content_Types].xml" in names or "mimetype" in names:
            return _OFFICE_ZIP[extension]
    raise EvidenceRejected(
        _("“%(name)s” is not a PDF, an image (PNG, JPEG) or an Office document.") % {"name": name}
    )
