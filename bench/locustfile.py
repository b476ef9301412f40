"""
9:00 on camp sign-up day: families sign children up while libraries' calendars poll the feeds.

    make bench-deps                                   # once: Locust in .venv-bench, wrk
    .venv/bin/python bench/pages.py --locust          # 50 users for 2 minutes after the set-up
    .venv/bin/python bench/pages.py --locust --users 100 --run-time 5m --project /tmp/before

bench/pages.py migrates and seeds the demo (PostgreSQL and Redis of its own),
serves it with gunicorn and production settings as for its page table (the
anonymous page cache on, where the checkout has one), writes the demo's addresses
to a JSON file, and runs this file headless against it; Locust prints requests per
second, percentiles (p95 among them) and failures per request type. To drive a
server you started yourself (``bench/pages.py --serve-only`` prints the command):

    CIC_BENCH_TARGETS=<targets.json> .venv-bench/bin/locust -f bench/locustfile.py \\
        --headless -u 50 -r 10 -t 2m --host http://127.0.0.1:<port>

Two kinds of user, four families to one calendar:

- ``Family``: opens the home page, the calendar, the summer camp's page and a
  session's sign-up form, fills it in (the adult, 1–3 children of camp age with the
  programme's questions answered, the data consent ticked, the honeypot left empty)
  and posts it with its CSRF token, then reads the page the answer leads to (303 to
  the private link). A family is a new one each time (its own e-mail and client
  address, as seen through one trusted proxy), so the per-address and per-e-mail
  sign-up limits hold as they would. One family in four only looks around (the
  centre page, another programme, the month view) without signing up. A session
  that is full joins its waiting list, which is also a sign-up; a closed one is left.
- ``CalendarSubscriber``: a calendar application polling the feeds, each time one of
  the demo's feed addresses (every language; all events, per venue, category,
  centre and programme), with ``If-None-Match`` once it holds the feed's ETag; 200
  and 304 are both answers. Every sign-up changes the places left, so after one the
  next poll gets a new body.

Failures Locust counts: any answer other than those (a 400 names the form's
error, a 429 the sign-up limit, a 503 a busy database).
"""

import datetime
import html.parser
import ipaddress
import json
import os
import random
import re
import uuid
from urllib.parse import urlsplit

from locust import HttpUser, between, task

TARGETS_FILE = os.environ.get("CIC_BENCH_TARGETS")
if not TARGETS_FILE:
    raise SystemExit(
        "CIC_BENCH_TARGETS names the JSON file of the demo's addresses that "
        "bench/pages.py --locust (or --serve-only) writes."
    )
with open(TARGETS_FILE) as targets_file:
    TARGETS = json.load(targets_file)
# What the TLS proxy in front of production adds (Host, X-Forwarded-Proto).
PROXY_HEADERS = TARGETS["headers"]
ORIGIN = f"https://{PROXY_HEADERS['Host']}"
# Families write in their language: mostly Ukrainian, as the centres' families do.
LANGUAGES = ["uk"] * 6 + ["pl"] * 2 + ["ru", "en"]
PICK_UP = ["Mama", "Tata", "Babcia", "Мама", "Тато"]


class SignUpForm(html.parser.HTMLParser):
    """The fields of the page's POST form: hidden values, text fields, selects, checkboxes."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self.kinds = {}
        self.options = {}
        self.in_post_form = False
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_post_form = (attrs.get("method") or "").lower() == "post"
        name = attrs.get("name")
        if not self.in_post_form or (name is None and tag != "option"):
            return
        if tag == "input":
            self.kinds[name] = attrs.get("type", "text")
            self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea":
            self.kinds[name], self.fields[name] = "textarea", ""
        elif tag == "select":
            self.kinds[name], self.fields[name], self.select = "select", "", name
            self.options[name] = []
        elif tag == "option" and self.select and attrs.get("value"):
            self.options[self.select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_post_form = False
        elif tag == "select":
            self.select = None


def family_address():
    """A client address of the kind phones have: somewhere in 10.0.0.0/8, one per family."""
    return str(ipaddress.IPv4Address(0x0A000000 + random.randrange(1, 2**24 - 1)))


def birth_date(rng):
    """A child of camp age (the demo's camps take 6 to 12)."""
    today = datetime.date.today()
    return today - datetime.timedelta(days=rng.randint(7 * 365, 11 * 365))


def sign_up_data(form, children):
    """The form as a parent fills it in: `children` participants, every question answered."""
    data = {
        name: value
        for name, value in form.fields.items()
        if form.kinds[name] == "hidden" and not name.startswith("participants-")
    }
    family = uuid.uuid4().hex[:10]
    data.update(
        name=f"Olena Kowalenko {family}",
        email=f"family-{family}@example.com",
        phone="+48 600 100 200",
        language=random.choice(LANGUAGES),
        data_consent="on",
        website="",  # the honeypot: a person never sees it
    )
    data.update(
        {
            name: form.fields[name]
            for name in form.fields
            if name.startswith("participants-") and name.endswith("_FORMS")
        }
    )
    data["participants-TOTAL_FORMS"] = str(children)
    participant = [name for name in form.fields if name.startswith("participants-0-")]
    for number in range(children):
        for name in participant:
            field = name.removeprefix("participants-0-")
            kind = form.kinds[name]
            value = {
                "first_name": random.choice(["Sofiia", "Maksym", "Anna", "Artem", "Zlata"]),
                "last_name": f"Kowalenko {family}",
                "birth_date": birth_date(random).isoformat(),
            }.get(field)
            if value is None and kind == "checkbox":
                value = "on" if random.random() < 0.7 else None
            elif value is None and kind == "select":
                options = form.options.get(name) or [""]
                value = "UA" if "UA" in options else options[0]
            elif value is None and kind == "textarea":
                value = random.choice(["", "", "Alergia na orzechy."])
            elif value is None:
                value = random.choice(PICK_UP)
            if value is not None:
                data[f"participants-{number}-{field}"] = value
    return data


def form_error(body):
    """The first error message a refused form shows, for Locust's failure table."""
    found = re.search(rb'class="[^"]*error[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]{3,160})', body)
    return found[1].decode(errors="replace").strip() if found else "no message found"


class Family(HttpUser):
    """A parent on a phone: the calendar, the camp, the form, the answer."""

    weight = 4
    wait_time = between(1, 4)

    def on_start(self):
        self.client.headers.update(PROXY_HEADERS)

    def new_family(self):
        self.client.cookies.clear()
        self.client.headers["X-Forwarded-For"] = family_address()

    def page(self, path, name):
        return self.client.get(path, name=name)

    @task(3)
    def sign_up_for_a_camp(self):
        self.new_family()
        self.page(TARGETS["home"], "home")
        self.wait()
        self.page(TARGETS["listing"], "calendar listing")
        self.wait()
        self.page(TARGETS["programme"], "programme page")
        self.wait()
        if not TARGETS["sign_up_forms"]:
            return
        form_url = random.choice(TARGETS["sign_up_forms"])
        answer = self.page(form_url, "sign-up form")
        form = SignUpForm()
        form.feed(answer.text)
        if "submission_key" not in form.fields:
            return  # closed since the demo was seeded: nothing to fill in
        self.wait()  # filling it in
        self.post(form_url, sign_up_data(form, children=random.choice([1, 1, 2, 2, 3])))

    def post(self, form_url, data):
        # Production's CSRF cookie is Secure, and this client speaks plain HTTP to
        # gunicorn (the proxy's TLS is left out): the cookie is sent back by hand, as
        # the browser does over HTTPS, with the Origin a browser sends with a POST.
        headers = {
            "Origin": ORIGIN,
            "Referer": ORIGIN + form_url,
            "Cookie": f"csrftoken={self.client.cookies.get('csrftoken', '')}",
        }
        with self.client.post(
            form_url,
            data=data,
            headers=headers,
            name="sign-up POST",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 303:
                answer.failure(f"{answer.status_code}: {form_error(answer.content)}")
                return
            answer.success()
            # The private link is absolute (the public https address): read its path here.
            private = urlsplit(answer.headers["Location"]).path
        self.page(private, "private page after sign-up")

    @task(1)
    def look_around(self):
        self.new_family()
        self.page(TARGETS["home"], "home")
        self.wait()
        self.page(TARGETS["centre"], "centre page")
        self.wait()
        self.page(random.choice(TARGETS["programmes"]), "programme page")
        self.wait()
        self.page(TARGETS["month"], "month view")


class CalendarSubscriber(HttpUser):
    """Calendar applications (Google, Outlook, Thunderbird) polling their subscriptions."""

    weight = 1
    wait_time = between(0.5, 2)

    def on_start(self):
        self.client.headers.update(PROXY_HEADERS)
        self.etags = {}

    @task
    def poll(self):
        url = random.choice(TARGETS["feeds"])
        headers = {"If-None-Match": self.etags[url]} if url in self.etags else {}
        with self.client.get(
            url, headers=headers, name="feed poll (If-None-Match)", catch_response=True
        ) as answer:
            if answer.status_code == 200:
                self.etags[url] = answer.headers.get("ETag", "")
                answer.success()
            elif answer.status_code == 304:
                answer.success()
            else:
                answer.failure(f"{answer.status_code}")
