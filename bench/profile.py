"""cProfile of the benchmark's pages and saves, in-process as ``bench.run pages`` measures them.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.profile [name ...] [--repeat N]

Names: ``home-logged-in``, ``berita``, ``national-monitoring``, ``save-tab-a``, ``rush-mix`` and ``bare``
(default: all). Each request is warmed up three times, then ``--repeat`` requests run under one profiler;
the top of the profile (by cumulative and by own time) goes to ``bench/profiles/<name>.txt`` with the
median CPU per request measured unprofiled beside the bare view's. cProfile adds a fixed cost per Python
call, so code that makes many small calls (template rendering) weighs more in the profile than in the
unprofiled CPU time: read the shares, not the absolute times.

``rush-mix`` replays the rush's requests (bench/locustfile.py: 3 reads of tab A, 2 of tab B, 2 of tab C, one
save of each tab in ten, in a fixed random order over the pemda's open reports) through the test client.
"""

import argparse
import cProfile
import io
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

from bench.run import BENCH, Saves, bench_actors, bench_clients, bench_pages, django_setup, open_reports, save_report

TOP = 25
OUT = BENCH / "profiles"


class _RushMix:
    """The locustfile's tasks as test-client calls: ``next()`` gives the next request as a callable."""

    WEIGHTS = (("read capaian", 3), ("read kegiatan", 2), ("read permasalahan", 2), ("save capaian", 1))
    WEIGHTS += (("save kegiatan", 1), ("save permasalahan", 1))

    def __init__(self, client, pemda):
        self.client, self.random, self.count = client, random.Random(26), 0  # noqa: S311 -- a repeatable order, not a secret
        self.saves = {report.pk: Saves(client, pemda, report) for report in open_reports(pemda).order_by("pk")}
        self.order = list(self.saves)
        names, weights = zip(*self.WEIGHTS, strict=True)
        self.names, self.weights = names, weights

    def next(self):
        self.count += 1
        pk = self.order[self.count % len(self.order)]
        kind, tab = self.random.choices(self.names, self.weights)[0].split()
        if kind == "read":
            return lambda: self.client.get(f"/pelaporan/laporan/{pk}/{tab}/").status_code
        saves = self.saves[pk]
        if tab == "capaian":
            return saves.prepare_capaian()
        if tab == "kegiatan":
            return saves.prepare_kegiatan()
        data = {
            "action": "add_problem",
            "category": "pelaksanaan",
            "text": f"Profil {self.count}: data sasaran terlambat.",
            "version": str(saves._version()),
        }
        return lambda: saves.post(f"/pelaporan/laporan/{pk}/permasalahan/", data)


def _callables(accounts_file: Path) -> dict:
    """name -> (who, a function returning the next timed call)."""
    actors, report = bench_actors(accounts_file)
    clients = bench_clients(actors)
    urls = {label: (who, url) for label, who, url in bench_pages(report)}

    def get(label):
        who, url = urls[label]
        return lambda: lambda: clients[who].get(url).status_code

    saves = Saves(clients["pemda"], actors["pemda"], save_report(actors["pemda"], report))
    rush = _RushMix(clients["pemda"], actors["pemda"])
    return {
        "bare": get("bare view (baseline)"),
        "home-logged-in": get("home (logged in)"),
        "berita": get("berita"),
        "national-monitoring": get("national monitoring"),
        "save-tab-a": saves.prepare_capaian,
        "rush-mix": rush.next,
    }


def _cpu_ms(prepare, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        call = prepare()
        started = time.process_time()
        call()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def _top(profile: cProfile.Profile, sort: str) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.strip_dirs().sort_stats(sort).print_stats(TOP)
    # pstats' header lines before the table (file names, "Ordered by") are kept: they say what was sorted.
    return out.getvalue().strip()


def profile(name: str, prepare, bare_prepare, repeat: int, dump: Path | None = None) -> str:
    for _ in range(3):
        prepare()()
    # Unprofiled CPU per request, round robin with the bare view as bench.run measures it.
    page, bare = [], []
    for _ in range(repeat):
        page.append(_cpu_ms(prepare, 1))
        bare.append(_cpu_ms(bare_prepare, 1))
    cpu, bare_cpu = statistics.median(page), statistics.median(bare)
    # The rush's figure is a mean (the workers' CPU over the requests): a mix of cheap reads and dear saves.
    mean, bare_mean = statistics.fmean(page), statistics.fmean(bare)
    # CPU time, as the targets: a wall-clock profile charges the waits for PostgreSQL and Redis to the caller.
    profiler = cProfile.Profile(time.process_time)
    statuses = set()
    for _ in range(repeat):
        call = prepare()
        profiler.enable()
        statuses.add(call())
        profiler.disable()
    if dump is not None:
        profiler.dump_stats(dump)
    header = (
        f"# {name}: {repeat} requests under cProfile ({time.strftime('%Y-%m-%d %H:%M')}, HTTP {sorted(statuses)})\n"
        f"# unprofiled CPU per request: median {cpu:.1f} ms, bare view {bare_cpu:.1f} ms: x{cpu / bare_cpu:.1f}; "
        f"mean {mean:.1f} ms, bare view {bare_mean:.1f} ms: x{mean / bare_mean:.1f}\n"
    )
    text = (
        header
        + "\n## by cumulative time\n\n"
        + _top(profiler, "cumulative")
        + "\n\n## by own time (tottime)\n\n"
        + _top(profiler, "tottime")
        + "\n"
    )
    print(header, flush=True)
    return text


def main(argv=None) -> int:
    names = ["bare", "home-logged-in", "berita", "national-monitoring", "save-tab-a", "rush-mix"]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"any of {', '.join(names)} (default: all)")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--accounts-file", type=Path, default=BENCH / "accounts.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dump", type=Path, help="also write each raw profile here as <name>.prof (pstats)")
    options = parser.parse_args(argv)
    unknown = set(options.names) - set(names)
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    django_setup()
    calls = _callables(options.accounts_file)
    options.out.mkdir(exist_ok=True)
    for name in options.names or names:
        dump = options.dump / f"{name}.prof" if options.dump else None
        text = profile(name, calls[name], calls["bare"], options.repeat, dump)
        (options.out / f"{name}.txt").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
