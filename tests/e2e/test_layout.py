"""Every page of the app fits the screen it is on (issue 22): at 360 px (a clerk's phone), 390, 768 and
1366 (an office PC) the page never scrolls sideways — a table wider than the screen scrolls inside its
own box — and nothing sticks out past the page's right edge. The pages are bench/pages.py's: every
page of the URL conf and the admin's lists, imports and forms, opened by the person who opens it (a new page without an entry there fails
tests/test_page_queries.py), on the synthetic world with every kind."""
import pytest

from .test_browser import CHROMIUM, browser  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser]
WIDTHS = (360, 390, 768, 1366)
# Downloads and the API are not pages; the admin's are (its lists, forms and imports, by an administrator).
def is_a_page(url):
    return not (url.startswith("/api/") or url.endswith((".xlsx", ".pdf")) or "format=xlsx" in url)

# What sticks out: any element whose right edge passes the viewport's, unless a box around it
# scrolls (or clips) sideways.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let parent = element.parentElement, contained = false;
    while (parent && parent !== document.body) {
      const style = getComputedStyle(parent);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) { contained = true; break; }
      parent = parent.parentElement;
    }
    if (!contained) out.push(element.tagName.toLowerCase() + (element.className ? '.' + element.className : '')
                             + ' ' + Math.round(box.right) + 'px');
  }
  return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""


@pytest.fixture
def world(live_server, transactional_db):
    import os

    from bench.world import grow
    from indicators.reference_data import load_reference_data

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    load_reference_data()
    return grow(krs=3)


def session_cookie(user, live_server):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url}


def test_every_page_fits_every_width_without_scrolling_sideways(browser, live_server, world):  # noqa: F811
    from bench.pages import pages

    found = [(label, user, url) for label, user, url, _fresh in pages(world) if is_a_page(url)]
    assert len(found) > 30
    contexts = {}
    problems = []
    for width in WIDTHS:
        for label, user, url in found:
            key = (width, user.pk)
            if key not in contexts:
                context = browser.new_context(viewport={"width": width, "height": 800}, locale="th-TH")
                context.add_cookies([session_cookie(user, live_server)])
                contexts[key] = context.new_page()
            page = contexts[key]
            response = page.goto(live_server.url + url)
            assert response.status < 400, (label, response.status)
            measured = page.evaluate(OVERFLOW)
            if measured["scroll"] > measured["width"] + 1 or measured["out"]:
                problems.append(f"{width}px {label}: page {measured['scroll']} px wide; {measured['out']}")
    for page in contexts.values():
        page.context.close()
    assert problems == [], "\n".join(problems)
