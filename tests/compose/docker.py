"""Docker for the compose test (tests/compose): a daemon of our own, started and stopped by the test, and
docker-compose pointed at it.

The daemon is Debian's (`apt-get install docker.io`; `make compose-test` installs it as root) with no
bridge and no iptables rules (``--bridge=none --iptables=false``): every container runs on the host's
network, on loopback ports. Its data root is kept between runs (``SPM_DOCKER_ROOT``, default
/var/lib/spm-docker) so the base image and the build layers are reused; its sockets and state live under
``SPM_DOCKER_RUN`` (default /run/spm-docker). One run at a time uses a data root (a lock file beside it).
When a daemon already answers on that socket (a developer started one), it is used and left running.
"""

import fcntl
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_ROOT = Path(os.environ.get("SPM_DOCKER_ROOT", "/var/lib/spm-docker"))
RUN = Path(os.environ.get("SPM_DOCKER_RUN", "/run/spm-docker"))
SOCKET = RUN / "docker.sock"
DOCKER_HOST = f"unix://{SOCKET}"
DOCKERD = shutil.which("dockerd") or "/usr/sbin/dockerd"
# The CLI from the same package as the daemon (a newer client elsewhere on PATH may not talk to it)
DOCKER = str(Path(DOCKERD).parent.parent / "bin" / "docker") if Path(DOCKERD).exists() else "docker"
if not Path(DOCKER).exists():
    DOCKER = shutil.which("docker") or "docker"
COMPOSE = shutil.which("docker-compose")
COMPOSE_FILES = (ROOT / "deploy" / "compose.yaml", ROOT / "tests" / "compose" / "compose.test.yaml")


def missing_tools() -> list[str]:
    """The Debian packages this test needs that are not installed."""
    needed = {
        "docker.io": Path(DOCKERD).exists(),
        "docker-compose": COMPOSE,
        "debootstrap": shutil.which("debootstrap"),
    }
    return [package for package, found in needed.items() if not found]


def client_env(**extra) -> dict:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DOCKER_HOST": DOCKER_HOST, "DOCKER": DOCKER, **extra}


def docker(*args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 -- the docker CLI with our arguments
        [DOCKER, *args], env=client_env(), capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode:
        raise RuntimeError(f"docker {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def _answers() -> bool:
    try:
        return docker("version", "--format", "{{.Server.Version}}", timeout=10, check=False).returncode == 0
    except subprocess.TimeoutExpired:
        return False


class Daemon:
    """dockerd on its own socket, data root, exec root and pid file; stopped at the end if we started it."""

    def __init__(self, log: Path):
        self.log = log
        self.process: subprocess.Popen | None = None
        self._lock = None

    def __enter__(self):
        DATA_ROOT.mkdir(parents=True, exist_ok=True)
        RUN.mkdir(parents=True, exist_ok=True)
        self._lock = (DATA_ROOT.parent / f"{DATA_ROOT.name}.lock").open("w")
        fcntl.flock(self._lock, fcntl.LOCK_EX)  # another run on this machine finishes first
        if _answers():
            return self
        argv = [
            DOCKERD,
            f"--data-root={DATA_ROOT}",
            f"--exec-root={RUN / 'exec'}",
            f"--host={DOCKER_HOST}",
            f"--pidfile={RUN / 'dockerd.pid'}",
            "--bridge=none",
            "--iptables=false",
            "--ip6tables=false",
            "--ip-masq=false",
            "--storage-driver=overlay2",
        ]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603 -- Debian's dockerd with fixed arguments
                argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + 90
        while not _answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("dockerd did not start:\n" + self.log.read_text(errors="replace")[-3000:])
            time.sleep(0.5)
        return self

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # stops the containers, then containerd, then itself
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        if self._lock is not None:
            self._lock.close()


class Compose:
    """docker-compose with deploy/compose.yaml and the test's override, one project, one env file."""

    def __init__(self, project: str, env_file: Path):
        self.project, self.env_file = project, env_file

    def argv(self, *args: str) -> list[str]:
        files = [arg for path in COMPOSE_FILES for arg in ("-f", str(path))]
        return [COMPOSE, "--ansi", "never", "-p", self.project, *files, "--env-file", str(self.env_file), *args]

    def run(self, *args: str, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(  # noqa: S603 -- Debian's docker-compose with our arguments
            self.argv(*args), cwd=ROOT, env=client_env(), capture_output=True, text=True, timeout=timeout
        )
        if check and result.returncode:
            raise RuntimeError(f"docker-compose {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def container(self, service: str) -> str:
        return self.run("ps", "-q", service, timeout=60).stdout.strip()

    def inspect(self, service: str, template: str) -> str:
        return docker("inspect", "--format", template, self.container(service)).stdout.strip()

    def logs(self, *services: str) -> str:
        return self.run("logs", "--no-color", *services, timeout=120, check=False).stdout
