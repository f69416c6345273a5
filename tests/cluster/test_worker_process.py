"""A recap job run by a real `manage.py db_worker --backend jobs` process: queued over HTTP on a gunicorn host,
its progress polled from the status JSON until done, then downloaded."""

import io

from openpyxl import load_workbook

from tests.cluster import stack


def test_a_recap_queued_over_http_is_run_by_the_worker_process_and_downloads(
    scratch_db, redis_db, processes, tmp_path
):
    env = stack.base_env(
        DATABASE_URL=scratch_db.url,
        CACHE_URL=f"redis://127.0.0.1:6379/{redis_db}",
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),  # one machine: the host and the worker share this folder
        MEDIA_ROOT=str(tmp_path / "media"),
        JOB_PROGRESS_EVERY="5",
    )
    accounts = stack.seed(env)
    port = stack.free_port()
    processes.start("host", stack.gunicorn_argv(), env={**env, **stack.gunicorn_env(port)}, cwd=tmp_path / "host")
    processes.start("worker", stack.worker_argv(), env=env, cwd=tmp_path / "worker")
    base = f"http://127.0.0.1:{port}"
    stack.wait_until(stack.http_ready(base + "/login/"), timeout=60, what="gunicorn on " + base)

    browser = stack.Browser(base)
    browser.login(accounts["reviewer"])
    queued = browser.post("/pelaporan/excel/rekap/2026/1/")
    assert queued.status_code == 302, processes.log("host")
    job_page = queued.headers["Location"]
    status_url = job_page + "status/"
    seen = []

    def finished():
        state = browser.get(status_url).json()
        seen.append((state["status"], state["rows_done"]))
        return state if state["finished"] else None

    state = stack.wait_until(finished, timeout=60, what="the worker to finish the recap", interval=0.1)
    assert state["status"] == "done", (state, processes.log("worker"))
    assert state["rows_done"] == state["rows_total"] > 0
    assert state["label"].endswith("(100 %)")
    download = browser.get(state["download_url"])
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(download.content), read_only=True)["Rekap capaian"]
    assert sum(1 for _ in sheet.iter_rows(min_row=3)) == state["rows_total"]
    assert all(status in ("queued", "running", "done") for status, _ in seen)
    assert [done for _, done in seen] == sorted(done for _, done in seen)  # progress only moves forward
