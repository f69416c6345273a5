"""The two locks agree with the pins people edit, and each holds its whole tree.

requirements.lock is what production installs (requirements.txt's tree), requirements-dev.lock what `make
install` installs (requirements-dev.txt's tree). Both are installed with `pip install --no-deps`, so a
package or an extra's package that a lock forgets is never fetched: the completeness tests below walk
every requirement (extras included, markers for this interpreter) from the requirement files through the
installed packages' metadata and fail on any name the lock does not pin.

When these fail, run `make lock` and commit both locks with the requirement change.
"""

import re
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")
LOCKS = {
    "requirements.lock": ("requirements.txt",),
    "requirements-dev.lock": ("requirements.txt", "requirements-dev.txt"),
}


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


def requirement_lines(*names: str) -> list[str]:
    lines = []
    for name in names:
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r "):
                lines.append(line)
    return lines


def requirement_pins(*names: str) -> dict[str, str]:
    return pins("\n".join(requirement_lines(*names)))


def missing_from_lock(roots: Iterable[str], locked: set[str], requires: Callable[[str], list[str]]) -> dict[str, str]:
    """Every package reachable from ``roots`` that ``locked`` lacks, with the requirement that asked for it.

    ``requires(name)`` gives a package's Requires-Dist lines; a requirement's extras are followed too
    (``fonttools[woff]`` needs brotli and zopfli), its marker evaluated for this interpreter.
    """
    missing: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    todo = [(Requirement(line), "") for line in roots]
    while todo:
        req, wanted_by = todo.pop()
        name = canonical(req.name)
        if name not in locked:
            missing.setdefault(name, f"{req} (wanted by {wanted_by or 'the requirement files'})")
            continue
        for extra in sorted(req.extras) or [""]:
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            for line in requires(name):
                child = Requirement(line)
                if child.marker is None or child.marker.evaluate({"extra": extra}):
                    todo.append((child, f"{name}[{extra}]" if extra else name))
    return missing


def installed_requires(name: str) -> list[str]:
    return metadata.requires(name) or []


@pytest.mark.parametrize("lock,sources", LOCKS.items())
def test_every_pin_of_the_requirements_is_in_the_lock_with_the_same_version(lock, sources):
    locked = pins((ROOT / lock).read_text())
    stale = {
        name: (version, locked.get(name))
        for name, version in requirement_pins(*sources).items()
        if locked.get(name) != version
    }
    assert not stale, f"{lock} is stale (wanted, locked): {stale}; run make lock"


@pytest.mark.parametrize("lock,sources", LOCKS.items())
def test_the_lock_holds_every_package_and_every_extra_of_its_tree(lock, sources):
    locked = set(pins((ROOT / lock).read_text()))
    missing = missing_from_lock(requirement_lines(*sources), locked, installed_requires)
    assert not missing, (
        f"{lock} lacks packages that `pip install --no-deps` would never fetch: {missing}; run make lock"
    )


def test_the_runtime_lock_is_the_dev_locks_versions_without_the_tools():
    runtime = pins((ROOT / "requirements.lock").read_text())
    dev = pins((ROOT / "requirements-dev.lock").read_text())
    assert {name: dev.get(name) for name in runtime} == runtime
    for tool in ("pytest", "ruff", "moto", "playwright", "schemathesis", "uv", "hypothesis", "factory-boy"):
        assert tool not in runtime, f"{tool} is a development tool and must not reach production"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_has_a_hash(lock):
    text = (ROOT / lock).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    assert entries and all("--hash=sha256:" in entry for entry in entries if PIN.match(entry))


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_keeps_the_extras_it_was_asked_for(lock):
    """uv drops ``[woff]`` from ``fonttools[woff]`` unless told --no-strip-extras; the line keeps it."""
    text = (ROOT / lock).read_text()
    assert re.search(r"^fonttools\[woff\]==", text, re.M)
    assert re.search(r"^willow\[heif\]==", text, re.M)


def test_the_makefile_installs_without_resolving():
    makefile = (ROOT / "Makefile").read_text()
    assert "--no-deps --require-hashes -r requirements-dev.lock" in makefile
    assert "$(BIN)/pip check" in makefile
    assert "--no-strip-extras" in makefile


def test_every_requirement_line_is_a_pin():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in requirement_lines(name):
            assert PIN.match(line), f"{name}: {line!r} is not pinned with =="


def test_the_pin_parser_reads_extras_and_line_continuations():
    assert pins("moto[server]==5.2.5 \\\n    --hash=sha256:ab\nDjango==5.2.19\n# x==1\n") == {
        "moto": "5.2.5",
        "django": "5.2.19",
    }


FAKE_METADATA = {
    "weasyprint": ["fonttools[woff]>=4.59.2", "pydyf>=0.11", 'colorama; sys_platform == "win32"'],
    "fonttools": [
        'brotli>=1.0.1; platform_python_implementation == "CPython" and extra == "woff"',
        'zopfli>=0.1.4; extra == "woff"',
        'lz4; extra == "graphite"',
    ],
    "pydyf": [],
    "brotli": [],
    "zopfli": [],
}


def test_the_completeness_walk_finds_a_missing_extra_package():
    locked = {"weasyprint", "fonttools", "pydyf", "brotli"}
    assert missing_from_lock(["weasyprint==70.0"], locked, FAKE_METADATA.__getitem__) == {
        "zopfli": 'zopfli>=0.1.4; extra == "woff" (wanted by fonttools[woff])'
    }


def test_the_completeness_walk_finds_a_missing_transitive_package_and_skips_other_platforms():
    locked = {"weasyprint", "fonttools", "brotli", "zopfli"}
    assert list(missing_from_lock(["weasyprint==70.0"], locked, FAKE_METADATA.__getitem__)) == ["pydyf"]
    locked.add("pydyf")
    assert missing_from_lock(["weasyprint==70.0"], locked, FAKE_METADATA.__getitem__) == {}
