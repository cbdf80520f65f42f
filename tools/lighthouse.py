"""Lighthouse (mobile, performance) on the pages a clerk and a reviewer use most, in the production
configuration: DJANGO_DEBUG=0, collected hashed static files, gunicorn, requests as nginx forwards
HTTPS. Run with `make lighthouse` (installs the pinned Lighthouse from npm into tools/lighthouse/ and
drives Debian's Chromium); it uses a throw-away SQLite database with the demo data of `make run`.

Prints each page's performance score (goal ≥ 0.95), Cumulative Layout Shift (goal ≤ 0.05), Largest
Contentful Paint and Total Blocking Time, the median of RUNS runs, and exits 1 if a goal is missed.
"""
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = Path("/tmp/okr-lighthouse.sqlite3")
STATIC = Path("/tmp/okr-lighthouse-static")
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", 3))
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


def environment(port):
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "okr_tracker.settings", "DATABASE_URL": f"sqlite:///{DATABASE}",
            "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "lighthouse-" + "x" * 40, "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}", "DJANGO_STATIC_ROOT": str(STATIC),
            "SITE_URL": f"https://127.0.0.1:{port}"}


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def lighthouse(url, cookie, port, attempts=4):
    """One run; Chromium's trace sometimes misses the navigation (NO_NAVSTART): tried again."""
    for attempt in range(attempts):
        try:
            return _lighthouse(url, cookie, port)
        except RuntimeError as error:
            if attempt == attempts - 1:
                raise SystemExit(str(error)) from None


def _lighthouse(url, cookie, port):
    headers = {"X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = cookie
    with tempfile.TemporaryDirectory() as work:
        report = Path(work) / "report.json"
        run = subprocess.run([str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
                              f"--output-path={report}", f"--extra-headers={json.dumps(headers)}",
                              "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                             env={**os.environ, "CHROME_PATH": CHROMIUM}, cwd=work, capture_output=True, text=True)
        if run.returncode:
            raise RuntimeError(f"lighthouse {url}: " + "\n".join(run.stderr.splitlines()[-3:]))
        data = json.loads(report.read_text())
    final = data.get("finalDisplayedUrl") or data.get("finalUrl")
    if final.rstrip("/") != url.rstrip("/"):  # e.g. sent to the log-in page: the session did not take
        raise SystemExit(f"{url} ended at {final}")
    audits = data["audits"]
    return {"score": data["categories"]["performance"]["score"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"]}


def main():
    from tests.production.test_production_smoke import Client, free_port

    port = free_port()
    env = environment(port)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_reference_data")
    manage(env, "create_demo_accounts")
    manage(env, "collectstatic", "--noinput", "-v0")
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "okr_tracker.wsgi:application",
                               "--bind", f"127.0.0.1:{port}", "--workers", "2"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        clerk, reviewer = Client(port), Client(port)
        for _ in range(100):
            try:
                if clerk.get("/healthz").status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        clerk.log_in("dindaeng", "dindaeng-2568")
        reviewer.log_in("reviewer", "reviewer-2568")

        def cookie(client):
            return "; ".join(f"{key}={value}" for key, value in client.cookies.items())

        form = [path for path in __import__("re").findall(r'href="(/reports/district/1026/[^"]+/q\d/)"',
                                                            clerk.get("/reports/").text)][:1]
        pages = [("log-in page", "/login/", None),
                 ("my district (clerk)", "/reports/", cookie(clerk)),
                 ("report form (clerk)", form[0] if form else "/reports/", cookie(clerk)),
                 ("review list (reviewer)", "/reports/review/", cookie(reviewer)),
                 ("dashboard KR 8308 (reviewer)", "/reports/dashboard/8308/2568/q4/", cookie(reviewer)),
                 ("dashboard CDP2563 (reviewer)", "/reports/dashboard/CDP2563/2563/q4/", cookie(reviewer)),
                 ("status board (reviewer)", "/reports/board/2568/q4/", cookie(reviewer))]
        missed = []
        print(f"Lighthouse 12.8.2, mobile, median of {RUNS} runs; gunicorn with DJANGO_DEBUG=0 on 127.0.0.1:{port}")
        print(f"{'page':32} {'performance':>11} {'CLS':>7} {'LCP ms':>8} {'TBT ms':>8}")
        for label, path, session in pages:
            runs = [lighthouse(f"http://127.0.0.1:{port}{path}", session, port) for _ in range(RUNS)]
            median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            print(f"{label:32} {median['score']:11.2f} {median['cls']:7.3f} {median['lcp']:8.0f} {median['tbt']:8.0f}",
                  flush=True)
            if median["score"] < 0.95 or median["cls"] > 0.05:
                missed.append(label)
        print("goals (performance ≥ 0.95, CLS ≤ 0.05):", "met" if not missed else "MISSED on " + ", ".join(missed))
        return 1 if missed else 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
