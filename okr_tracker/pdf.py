"""HTML to PDF with WeasyPrint; static files (CSS, the Sarabun font) are read through Django's
static files machinery, never fetched over the network (the app may be the only server, and there
is no internet)."""
import mimetypes
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

from okr_tracker import pdf_fonts

BASE_URL = "https://app.invalid/"
STATIC_PREFIX = BASE_URL + settings.STATIC_URL.lstrip("/")


class PdfUnavailable(RuntimeError):
    pass


def read_static(name):
    """The bytes of a static file by the name a page links to. In development, the plain name: the
    finders read the source file (a collected copy may be stale). In production, the manifest's
    hashed name (`css/print.3f2a….css`), which only the collected files have."""
    path = finders.find(name)
    if path:
        with open(path, "rb") as handle:
            return handle.read()
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    return None


def _static_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(STATIC_PREFIX):
                name = url[len(STATIC_PREFIX):].split("?")[0].split("#")[0]
                body = read_static(name)
                if body is not None and name.endswith((".woff2", ".ttf")):
                    return URLFetcherResponse(url, pdf_fonts.font_for_pdf(body), {"Content-Type": "font/ttf"})
                if body is not None:
                    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": mime})
            raise ValueError(f"not fetched: {url}")  # nothing from the network

    return StaticFilesFetcher


# HarfBuzz draws SARA AM (ำ) as NIKHAHIT + SARA AA, moving NIKHAHIT before a tone mark, which merges
# the two characters' glyphs into one cluster. Giving the shaper the sequence it would draw anyway
# keeps the page identical and one glyph per character; pdf_fonts then makes the PDF's text map read
# that sequence back as SARA AM ("สำนักงาน", searchable as written).
SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e33")


def decompose_sara_am(html):
    return SARA_AM.sub("\u0e4d\\1\u0e32", html)


# Pango breaks Thai lines with libthai's dictionary, which knows "สำนักงาน" but not the decomposed
# sequence above: given that, it broke lines inside words ("สำ|นักงาน", "ประ|จำปี"). So the words are
# found first, in the text as written, by the same Pango call WeasyPrint makes; each word that holds
# SARA AM is then kept whole (a no-wrap span), with a zero-width space before and after it where the
# line may break.
THAI_RUN = re.compile("[\u0e01-\u0e5b]+")
TEXT_NODE = re.compile(r"(<(?:style|script|title)\b.*?</(?:style|script|title)>)|>([^<]+)<", re.S | re.I)
ZWSP = "\u200b"


def keep_thai_words_whole(html):
    from weasyprint.text.line_break import get_log_attrs

    def words(run):
        if "\u0e33" not in run:
            return run
        attrs = get_log_attrs(run, "th")
        cuts = [0] + [index for index in range(1, len(run)) if attrs[index].is_line_break] + [len(run)]
        pieces = [run[start:end] for start, end in zip(cuts, cuts[1:])]
        return "".join(f'{ZWSP}<span class="thai-word">{piece}</span>{ZWSP}' if "\u0e33" in piece else piece
                       for piece in pieces)

    def node(match):
        if match.group(1):
            return match.group(1)
        return ">" + THAI_RUN.sub(lambda run: words(run.group(0)), match.group(2)) + "<"

    return TEXT_NODE.sub(node, html)


def render_pdf(html):
    try:
        from weasyprint import HTML
    except OSError as error:  # Pango missing: Debian's libpango-1.0-0
        raise PdfUnavailable(str(error)) from None
    pdf_fonts.install()
    return HTML(string=decompose_sara_am(keep_thai_words_whole(html)), base_url=BASE_URL,
                url_fetcher=_static_fetcher_class()()).write_pdf()
