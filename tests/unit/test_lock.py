"""requirements.lock (what `make install` installs) agrees with the pins people edit in requirements*.txt.

When this fails, run `make lock` and commit requirements.lock with the requirement change.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    """``{"django-storages": "1.14.6"}`` from lines such as ``django-storages[s3]==1.14.6 \\``."""
    found = {}
    for line in text.splitlines():
        match = PIN.match(line.strip())
        if match and not line.startswith((" ", "\t")):
            found[canonical(match.group(1))] = match.group(3)
    return found


def requirement_pins() -> dict[str, str]:
    merged = {}
    for name in ("requirements.txt", "requirements-dev.txt"):
        merged.update(pins((ROOT / name).read_text()))
    return merged


def test_every_pin_of_the_requirements_is_in_the_lock_with_the_same_version():
    locked = pins((ROOT / "requirements.lock").read_text())
    stale = {
        name: (version, locked.get(name))
        for name, version in requirement_pins().items()
        if locked.get(name) != version
    }
    assert not stale, f"requirements.lock is stale (wanted, locked): {stale}; run make lock"


def test_every_locked_package_has_a_hash():
    text = (ROOT / "requirements.lock").read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    assert entries and all("--hash=sha256:" in entry for entry in entries if PIN.match(entry))


def test_every_requirement_line_is_a_pin():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            assert not line or line.startswith("-r ") or PIN.match(line), f"{name}: {line!r} is not pinned with =="


def test_the_pin_parser_reads_extras_and_line_continuations():
    assert pins("moto[server]==5.2.5 \\\n    --hash=sha256:ab\nDjango==5.2.19\n# x==1\n") == {
        "moto": "5.2.5",
        "django": "5.2.19",
    }
