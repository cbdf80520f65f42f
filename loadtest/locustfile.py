"""The quarter's deadline, in Locust: district staff log in, open their district, save a draft and
submit; reviewers open the dashboard and the review list; a trivial view is the baseline.
Loopback only; a bounded run (users and seconds given on the command line)."""
import itertools
import re

from locust import HttpUser, between, task

PASSWORD = "load-test-2568"
STAFF = itertools.count(1)
REVIEWERS = itertools.count(1)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
FORM = re.compile(r'href="(/reports/district/\d{4}/8308/2568/q1/)"')


def log_in(user, username):
    page = user.client.get("/login/", name="login page")
    token = CSRF.search(page.text).group(1)
    user.client.post("/login/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
                     headers={"Referer": user.host + "/login/"}, name="log in")


class DistrictStaff(HttpUser):
    weight = 9
    wait_time = between(1, 3)

    def on_start(self):
        self.username = f"load-staff-{next(STAFF):03d}"
        log_in(self, self.username)

    @task
    def deadline(self):
        page = self.client.get("/reports/", name="my district")
        found = FORM.search(page.text)
        if not found:
            return  # the district's report is already submitted by a colleague
        form_url = found.group(1)
        form = self.client.get(form_url, name="report form")
        if "csrfmiddlewaretoken" not in form.text or 'name="version"' not in form.text:
            return
        data = {"csrfmiddlewaretoken": CSRF.search(form.text).group(1), "version": VERSION.search(form.text).group(1),
                "achieved": "10", "budget_allocated": "100,000", "budget_disbursed": "50,000",
                "narrative": f"รายงานทดสอบภาระโหลดโดย {self.username}"}
        headers = {"Referer": self.host + form_url}
        self.client.post(form_url, {**data, "save": "1"}, headers=headers, name="save draft")
        form = self.client.get(form_url, name="report form")
        if 'name="version"' in form.text:
            data["version"] = VERSION.search(form.text).group(1)
            data["csrfmiddlewaretoken"] = CSRF.search(form.text).group(1)
            self.client.post(form_url, {**data, "submit": "1"}, headers=headers, name="submit")


class Reviewer(HttpUser):
    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        log_in(self, f"load-reviewer-{next(REVIEWERS):02d}")

    @task(3)
    def dashboard(self):
        self.client.get("/reports/dashboard/8308/2568/q1/?include_submitted=1", name="dashboard")

    @task(1)
    def review_list(self):
        self.client.get("/reports/review/", name="review list")


class Baseline(HttpUser):
    """The trivial view measured in the same run, for the latency ratio."""

    weight = 1
    wait_time = between(1, 2)

    @task
    def healthz(self):
        self.client.get("/healthz", name="trivial view (/healthz)")
