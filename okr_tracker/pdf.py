"""HTML to PDF with WeasyPrint; static files (CSS, the Sarabun font) are read from disk, never
fetched over the network (the app may be the only server, and there is no internet)."""
import mimetypes
import re

from django.conf import settings
from django.contrib.staticfiles import finders

BASE_URL = "https://app.invalid/"
STATIC_PREFIX = BASE_URL + settings.STATIC_URL.lstrip("/")


class PdfUnavailable(RuntimeError):
    pass


def _static_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(STATIC_PREFIX):
                path = finders.find(url[len(STATIC_PREFIX):].split("?")[0])
                if path:
                    with open(path, "rb") as handle:
                        body = handle.read()
                    mime = "font/woff2" if path.endswith(".woff2") else mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": mime})
            raise ValueError(f"not fetched: {url}")  # nothing from the network

    return StaticFilesFetcher


# HarfBuzz draws SARA AM (ำ) as NIKHAHIT + SARA AA, moving NIKHAHIT before a tone mark. WeasyPrint
# names each glyph by the first text it drew, so SARA AA's glyph, first met inside ำ, came back as ำ
# everywhere: text copied from the PDF read "สำนักงำน". Giving the shaper the decomposed sequence it
# would draw anyway keeps the page identical and each glyph its own letter ("สํานักงาน", the
# compatibility form of the same word).
SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e33")


def decompose_sara_am(html):
    return SARA_AM.sub("\u0e4d\\1\u0e32", html)


def render_pdf(html):
    try:
        from weasyprint import HTML
    except OSError as error:  # Pango missing: Debian's libpango-1.0-0
        raise PdfUnavailable(str(error)) from None
    return HTML(string=decompose_sara_am(html), base_url=BASE_URL, url_fetcher=_static_fetcher_class()()).write_pdf()
