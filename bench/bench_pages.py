"""The plan at full size: 3, 30 and 300 KRs a year × 50 districts × 10 fiscal years (bench/world.py),
then 100 districts, in one run on a throw-away SQLite database.

Prints, for every page of the app (bench/pages.py) opened by the person who uses it: SQL queries at
each size (they must be equal) and HTML bytes at 300 KRs (the largest must be under 300 KB); then the
reviewer dashboard's median latency against the trivial view /healthz of the same process, in process
(Django's test client) and over HTTP (the pinned gunicorn with DJANGO_DEBUG=0, requests as nginx
forwards HTTPS), interleaved, goal ≤ 3×. Run with `make bench` (with the import benchmark).
"""
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = Path("/tmp/okr-bench-pages.sqlite3")
SECRET = "bench-" + os.urandom(16).hex()
os.environ.update({"DJANGO_SETTINGS_MODULE": "okr_tracker.settings", "DATABASE_URL": f"sqlite:///{DATABASE}",
                   "DJANGO_SECRET_KEY": SECRET})
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.pages import KR, YEAR, measure, pages  # noqa: E402
from bench.world import grow  # noqa: E402

SIZES = [int(size) for size in os.environ.get("BENCH_KRS", "3,30,300").split(",")]
YEARS, ROUNDS = int(os.environ.get("BENCH_YEARS", 10)), int(os.environ.get("BENCH_ROUNDS", 40))
PAGE_LIMIT = 300_000
DASHBOARD = f"/reports/dashboard/{KR}/{YEAR}/q1/"
RANKING = f"/reports/scorecard/{YEAR}/"


def fresh_database():
    import io

    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())


def interleaved_medians(get, urls, rounds=ROUNDS):
    """Median seconds of each URL, the URLs requested in turn so that noise hits them alike."""
    timings = {url: [] for url in urls}
    for url in urls:
        get(url)  # warm
    for _ in range(rounds):
        for url in urls:
            start = time.perf_counter()
            get(url)
            timings[url].append(time.perf_counter() - start)
    return [statistics.median(timings[url]) for url in urls]


def in_process_ratio(reviewer):
    client = Client()
    client.force_login(reviewer)

    def get(url):
        assert client.get(url).status_code == 200, url

    dashboard, ranking, trivial = interleaved_medians(get, [DASHBOARD, RANKING, "/healthz"])
    return dashboard, ranking, trivial


def over_http_ratio(reviewer):
    from tests.production.test_production_smoke import Client as HttpClient, free_port

    password = "bench-" + os.urandom(8).hex()
    reviewer.set_password(password)
    reviewer.save()
    port = free_port()
    static_root = Path("/tmp/okr-bench-static")
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
           "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}", "DJANGO_STATIC_ROOT": str(static_root)}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "okr_tracker.wsgi:application",
                               "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        client = HttpClient(port)
        for _ in range(100):
            try:
                if client.get("/healthz").status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        client.log_in(reviewer.username, password)

        def get(url):
            response = client.get(url)
            assert response.status == 200, (url, response.status)

        return interleaved_medians(get, [DASHBOARD, "/healthz"])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main():
    fresh_database()
    columns, sizes_bytes = [], {}
    users = None
    for size in SIZES:
        start = time.perf_counter()
        users = grow(krs=size, districts=50, years=YEARS)
        built = time.perf_counter() - start
        client = Client()
        measured = {label: measure(client, user, url, fresh) for label, user, url, fresh in pages(users)}
        columns.append((f"{size} KRs", measured))
        sizes_bytes = {label: size_ for label, (_queries, size_) in measured.items()}
        print(f"built {size} KRs × 50 districts × {YEARS} years in {built:.0f} s", flush=True)
    start = time.perf_counter()
    users = grow(krs=SIZES[-1], districts=100, years=YEARS)
    client = Client()
    columns.append((f"{SIZES[-1]} KRs, 100 districts",
                    {label: measure(client, user, url, fresh) for label, user, url, fresh in pages(users)}))
    print(f"grown to 100 districts in {time.perf_counter() - start:.0f} s\n", flush=True)

    labels = list(columns[0][1])
    header = " | ".join(f"{name:>22}" for name, _ in columns)
    print(f"{'page':42} | {header} | {'KB at ' + str(SIZES[-1]) + ' KRs':>14}")
    unequal = []
    for label in labels:
        counts = [measured.get(label, (None, 0))[0] for _name, measured in columns]
        if len(set(counts)) != 1:
            unequal.append(label)
        cells = " | ".join(f"{count if count is not None else '-':>22}" for count in counts)
        print(f"{label:42} | {cells} | {sizes_bytes.get(label, 0) / 1000:14.1f}{'   ← differs' if label in unequal else ''}")
    html_pages = {label: size for label, size in sizes_bytes.items()
                  if not any(word in label for word in ("Excel", "xlsx", "API", "book"))}
    largest = sorted(html_pages.items(), key=lambda item: -item[1])[:5]
    print("\nqueries equal at every size:", "yes" if not unequal else f"NO: {', '.join(unequal)}")
    print("largest HTML pages at", SIZES[-1], "KRs (the book of the year, a printed document, aside):", ", ".join(f"{label} {size / 1000:.0f} KB" for label, size in largest),
          "— under 300 KB:", "yes" if largest[0][1] < PAGE_LIMIT else "NO")

    dashboard, ranking, trivial = in_process_ratio(users["reviewer"])
    print(f"\ndashboard (cached) in process: median {dashboard * 1000:.2f} ms; /healthz {trivial * 1000:.2f} ms; "
          f"ratio {dashboard / trivial:.1f}× (goal ≤ 3×)")
    print(f"ranking of the agreements (cached) in process: median {ranking * 1000:.2f} ms; "
          f"ratio {ranking / trivial:.1f}× (goal ≤ 3×)")
    dashboard, trivial = over_http_ratio(users["reviewer"])
    print(f"dashboard (cached) over HTTP (gunicorn, DJANGO_DEBUG=0): median {dashboard * 1000:.2f} ms; "
          f"/healthz {trivial * 1000:.2f} ms; ratio {dashboard / trivial:.1f}× (goal ≤ 3×)")


if __name__ == "__main__":
    main()
