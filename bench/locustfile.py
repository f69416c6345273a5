"""The deadline rush: simulated pemda users read and save their report tabs (70 % reads, 30 % saves).

Run by ``bench/run.py`` with locust from bench/.venv-locust (never imported by Django). Each
simulated user logs in with one load-test account (``seed_national --accounts``), works only on
its own region's open reports, and records every save the server confirmed (302) so that the
runner can check afterwards that no saved value was lost.

Environment: BENCH_RUSH_PLAN (JSON written by the runner: accounts and their report ids) and
BENCH_RUSH_LOG (where the confirmed saves are written when the test stops).
"""

import itertools
import json
import os
import re

from locust import FastHttpUser, between, constant_throughput, events, task

PLAN = json.loads(open(os.environ["BENCH_RUSH_PLAN"], encoding="utf-8").read())  # noqa: SIM115 -- read once at import
ACCOUNTS = itertools.cycle(PLAN["users"])
CONFIRMED = {"capaian": {}, "activities": [], "problems": [], "failed_saves": 0}
READY = {"users": 0}

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
FIGURE = re.compile(
    r'name="((?:entry|mutu)-\d+-(?:harus_dilayani|terlayani|harus_dipenuhi|terpenuhi))"[^>]* value="([^"]*)"'
)
LINES_PER_SAVE = 2  # an officer types one service's figures (two lines: target and served, per line) and saves
ENTRY = re.compile(r'name="add-(\d+)-name"')


def _wait_time():
    """Each simulated pemda sends BENCH_USER_RATE requests a second (1: a busy officer clicking through three
    tabs and saving); the load does not drop when the server slows down, as it would not on the last day.
    BENCH_WAIT_MIN / BENCH_WAIT_MAX instead give random pauses (e.g. 0.02 to 0.1 s to find the saturation)."""
    if os.environ.get("BENCH_WAIT_MIN"):
        return between(float(os.environ["BENCH_WAIT_MIN"]), float(os.environ.get("BENCH_WAIT_MAX", "0.5")))
    return constant_throughput(float(os.environ.get("BENCH_USER_RATE", "1")))


class PemdaUser(FastHttpUser):
    wait_time = _wait_time()

    def on_start(self):
        account = next(ACCOUNTS)
        self.username = account["username"]
        self.reports = {pk: {} for pk in account["reports"]}
        self.order = itertools.cycle(account["reports"])
        self.saves = 0
        page = self.client.get("/login/", name="login").text
        self.client.post(
            "/login/",
            data={
                "username": self.username,
                "password": account["password"],
                "csrfmiddlewaretoken": CSRF.search(page).group(1),
            },
            allow_redirects=False,
            name="login",
        )
        for pk in account["reports"]:
            self._read(pk, "capaian")
            self._read(pk, "kegiatan")
        # The measured window starts when every user has logged in (PBKDF2 on purpose slow) and read its forms.
        READY["users"] += 1
        if READY["users"] == self.environment.parsed_options.num_users:
            self.environment.runner.stats.reset_all()
            CONFIRMED["failed_saves"] = 0
            if os.environ.get("BENCH_RUSH_READY"):  # the runner starts counting the server's CPU now
                open(os.environ["BENCH_RUSH_READY"], "w").close()  # noqa: SIM115 -- an empty marker file

    def _read(self, pk: int, tab: str) -> str:
        with self.client.get(
            f"/pelaporan/laporan/{pk}/{tab}/", name=f"read tab {tab}", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            text = response.text or ""
        state = self.reports[pk]
        token, version = CSRF.search(text), VERSION.search(text)
        if token:
            state["csrf"] = token.group(1)
        if version:
            state["version"] = int(version.group(1))
        if tab == "capaian":
            # In page order: each line is a (target, served) pair of inputs, with the value shown.
            state["fields"] = dict(FIGURE.findall(text))
        if tab == "kegiatan":
            state["entries"] = sorted({int(pk) for pk in ENTRY.findall(text)})
        return text

    def _save(self, pk: int, tab: str, data: dict, name: str) -> bool:
        state = self.reports[pk]
        data = {**data, "csrfmiddlewaretoken": state["csrf"], "version": state["version"]}
        with self.client.post(
            f"/pelaporan/laporan/{pk}/{tab}/", data=data, allow_redirects=False, name=name, catch_response=True
        ) as response:
            if response.status_code == 302:
                state["version"] += 1
                return True
            CONFIRMED["failed_saves"] += 1
            response.failure(f"simpan gagal: HTTP {response.status_code}")
            return False

    def _report(self):
        return next(self.order) if self.reports else None

    @task(3)
    def read_capaian(self):
        if (pk := self._report()) is not None:
            self._read(pk, "capaian")

    @task(2)
    def read_kegiatan(self):
        if (pk := self._report()) is not None:
            self._read(pk, "kegiatan")

    @task(2)
    def read_permasalahan(self):
        if (pk := self._report()) is not None:
            self._read(pk, "permasalahan")

    @task(1)
    def save_capaian(self):
        """Post the whole tab A form as a browser does: every figure as shown, two lines typed anew."""
        pk = self._report()
        fields = self.reports.get(pk, {}).get("fields") if pk is not None else None
        if not fields or "version" not in self.reports[pk]:
            return
        self.saves += 1
        names = list(fields)
        lines = len(names) // 2
        start = (self.saves * LINES_PER_SAVE) % max(1, lines)
        changed = {}
        # From the report's version, which every save raises: new figures in every save of every run (a count
        # from 1 would type, in a second run on the same database, what the first run left: a save of nothing).
        version = self.reports[pk]["version"]
        for line in range(start, min(lines, start + LINES_PER_SAVE)):
            target, served = names[2 * line], names[2 * line + 1]
            changed[target], changed[served] = 10_000 + version, 5_000 + version
        if self._save(pk, "capaian", {**fields, **changed}, "save tab capaian"):
            fields.update({name: str(value) for name, value in changed.items()})
            CONFIRMED["capaian"].setdefault(str(pk), {}).update(changed)

    @task(1)
    def add_activity(self):
        pk = self._report()
        entries = self.reports.get(pk, {}).get("entries") if pk is not None else None
        if not entries or "version" not in self.reports[pk]:
            return
        self.saves += 1
        entry, name = entries[self.saves % len(entries)], f"Rush {self.username} {self.saves}"
        prefix = f"add-{entry}"
        data = {
            "action": "add",
            "target": entry,
            f"{prefix}-name": name,
            f"{prefix}-pagu": "150.000.000",
            f"{prefix}-realisasi": "120.000.000",
            f"{prefix}-justification": "",
        }
        if self._save(pk, "kegiatan", data, "save tab kegiatan"):
            CONFIRMED["activities"].append([pk, entry, name])

    @task(1)
    def add_problem(self):
        pk = self._report()
        if pk is None or "version" not in self.reports[pk]:
            return
        self.saves += 1
        text = f"Rush {self.username} {self.saves}: data sasaran terlambat."
        if self._save(
            pk,
            "permasalahan",
            {"action": "add_problem", "category": "pelaksanaan", "text": text},
            "save tab permasalahan",
        ):
            CONFIRMED["problems"].append([pk, text])


@events.test_stop.add_listener
def write_confirmed(**_kwargs):
    with open(os.environ["BENCH_RUSH_LOG"], "w", encoding="utf-8") as handle:
        json.dump(CONFIRMED, handle)
