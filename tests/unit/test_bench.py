"""The benchmark's own arithmetic and report: percentiles, locust's CSV, the markdown table."""

from bench import run

LOCUST_CSV = """Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,\
Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%
GET,login,0,0,0,0.0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A
GET,read tab capaian,700,0,40,45.1,10,300,50000,70.0,0.0,40,45,50,55,60,90,120,150,300,300,300
POST,save tab capaian,300,2,80,85.0,20,600,0,30.0,0.2,80,85,90,95,120,200,300,400,600,600,600
,Aggregated,1000,2,50,57.1,10,600,35000,100.0,0.2,50,55,60,70,90,150,250,300,600,600,600
"""


def _results(**overrides):
    results = {
        "meta": {
            "date": "2026-11-24 10:00",
            "machine": "2 cores",
            "load_before": "0.5 0.4 0.3",
            "data": "546 pemda",
            "seed": "",
        },
        "pages": [
            {
                "page": "bare view (baseline)",
                "median_ms": 2.0,
                "p95_ms": 3.0,
                "cpu_ms": 1.5,
                "queries": 3,
                "ratio": 1.0,
                "cpu_ratio": 1.0,
                "target_ratio": 10,
                "ok": True,
            },
            {
                "page": "report tab A",
                "median_ms": 30.0,
                "p95_ms": 40.0,
                "cpu_ms": 25.0,
                "queries": 12,
                "ratio": 15.0,
                "cpu_ratio": 16.7,
                "target_ratio": 10,
                "ok": False,
            },
        ],
    }
    results.update(overrides)
    return results


def test_percentile_picks_the_nearest_rank():
    values = list(range(1, 101))

    assert run._percentile(values, 0.5) == 51
    assert run._percentile(values, 0.95) == 95
    assert run._percentile([7], 0.95) == 7


def test_locust_stats_sum_reads_and_saves_and_skip_unused_rows(tmp_path):
    (tmp_path / "rush_stats.csv").write_text(LOCUST_CSV)

    stats = run._locust_stats(tmp_path / "rush")

    assert (stats["requests"], stats["failures"], stats["rps"], stats["p95_ms"]) == (1000, 2, 100.0, 150.0)
    assert (stats["reads"], stats["saves"]) == (700, 300)
    assert "login" not in stats["by_name"]


def test_markdown_marks_a_missed_target_and_shows_the_ratio():
    table = run.markdown(_results())

    assert "| report tab A | 30.0 | 40.0 | 12 | 15.0 (≤ 10) | 25.0 | 16.7 | **tidak** |" in table
    assert "| bare view (baseline) | 2.0 | 3.0 | 3 | 1.0 (≤ 10) | 1.5 | 1.0 | ya |" in table


def test_markdown_includes_recap_and_rush_when_measured():
    recap = {
        "period": "TW III 2026",
        "ratio": 1.3,
        "ratio_app": 1.2,
        "ok": True,
        "job": {"seconds": 6.5, "peak_rss_mb": 180.0, "rows": 15000},
        "app": {"seconds": 6.0, "peak_rss_mb": 150.0, "rows": 15000},
        "bare": {"seconds": 5.0, "peak_rss_mb": 120.0},
    }
    rush = {
        "users": 30,
        "accounts": 40,
        "workers": 5,
        "seconds": 60,
        "requests": 6000,
        "reads": 4200,
        "saves": 1800,
        "rps": 100.0,
        "median_ms": 50.0,
        "p95_ms": 300.0,
        "failures": 0,
        "checked_values": 900,
        "lost": 0,
        "ok": True,
        "pacing": "1 request/s each",
        "stale_summaries": 0,
    }

    table = run.markdown(_results(recap=recap, rush=rush))

    job_row = (
        "| portal as a job: queue → worker done → download | 6.5 | 180.0 (worker) | ya (x1.3 bare, ≤ 1.5; < 300 MB) |"
    )
    assert job_row in table
    assert "| portal (`recap_write` in one process) | 6.0 | 150.0 | x1.2 bare |" in table
    assert "| 6000 | 4200 / 1800 | 100.0 | 50.0 | 300.0 | 0 | 900 | 0 | ya |" in table
    assert "30 simulated pemda (40 accounts, 1 request/s each), gunicorn 5 workers" in table
    assert "stale summaries 0" in table
