"""User-facing messages have one home, reporting/messages.py: no other module of the app defines its own."""

import ast
from pathlib import Path

import pytest

REPORTING = Path(__file__).resolve().parents[2] / "reporting"

# Module-level texts that read like sentences but are not messages the portal says to its users.
ALLOWED = {
    # Data the demo and the seed write into reports as if a person had typed it (a reviewer's return
    # reason, a pemda's justification), not something the portal says.
    ("services/demo.py", "RETURN_REASON"),
    ("services/synthetic.py", "OVER_PAGU_JUSTIFICATION"),
    # The body of the reminder e-mail: a letter template beside the code that fills it, not a message.
    ("services/reminders.py", "BODY"),
}


def _text(value: ast.expr) -> str | None:
    """The string a module-level value holds: a literal, or a literal inside ``_()`` / ``gettext_lazy()``."""
    if isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords:
        value = value.args[0]
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value
    return None


def _looks_like_message(text: str) -> bool:
    text = text.strip()
    return " " in text and text.endswith((".", ":"))


def sentence_constants(source: str) -> list[str]:
    """The UPPER_CASE names a module assigns a sentence to: ``CONFLICT = "Laporan ini sudah diubah."``."""
    found = []
    for node in ast.parse(source).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = getattr(node, "value", None)
        if value is None:
            continue
        text = _text(value)
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper() and text is not None and _looks_like_message(text):
                found.append(target.id)
    return found


def _modules() -> list[str]:
    paths = (path.relative_to(REPORTING).as_posix() for path in sorted(REPORTING.rglob("*.py")))
    return [path for path in paths if path != "messages.py" and not path.startswith(("migrations/", "tests/"))]


def test_the_check_finds_a_message_defined_outside_messages_py():
    source = 'NOT_ALLOWED = "Anda tidak berhak."\nLOCKED = _("Terlalu banyak percobaan:")\nKIND = "pdf"\nLABEL = "Belum diisi"\n'
    assert sentence_constants(source) == ["NOT_ALLOWED", "LOCKED"]


@pytest.mark.parametrize("relative", _modules())
def test_no_module_defines_its_own_user_message(relative):
    """A sentence for the user is imported from reporting.messages, not defined beside the code using it."""
    found = [
        name
        for name in sentence_constants((REPORTING / relative).read_text(encoding="utf-8"))
        if (relative, name) not in ALLOWED
    ]
    assert found == [], f"reporting/{relative} defines {found}: move them to reporting/messages.py"


def test_the_allow_list_names_only_texts_that_still_exist():
    """An allow-list entry for a constant that is gone or moved would hide the next one under its name."""
    for relative, name in ALLOWED:
        assert name in sentence_constants((REPORTING / relative).read_text(encoding="utf-8")), (relative, name)
