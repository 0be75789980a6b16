"""Every message a user can be refused with is written in both languages (issue 15).

Statically: no call that passes an error code (``XErrorCode.Y``) or builds a
``DomainError`` may carry a bare string or f-string: the message is ``t(en, zh)``, and every
``t(...)`` has Chinese in its second argument. At run time ``DomainError`` refuses anything
but a ``Text`` (``core.errors``), so a helper that builds one from a bare string fails the
tests that reach it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from core.errors import DomainError, Text, t

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "advisor",
    "api",
    "core",
    "credit",
    "db",
    "demo",
    "investing",
    "ledger",
    "lending",
    "notifications",
    "products",
    "questionnaire",
    "tradingcalendar",
    "users",
    "wallet",
)
CJK = re.compile(r"[\u3400-\u9fff]")
KIND_FIRST = {"id_input", "node_key"}  # their first argument is a type name ("Product"): only message= counts


def _sources():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _passes_a_code(call: ast.Call) -> bool:
    arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
    return _name(call.func) in ("DomainError", "DomainErrors") or any(
        isinstance(argument, ast.Attribute) and _name(argument.value).endswith("ErrorCode") for argument in arguments
    )


def _text(node: ast.AST) -> str | None:
    """The literal text of a string or f-string (placeholders dropped), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return None


def test_every_refusal_has_both_languages():
    bare, one_language = [], []
    for path, tree in _sources():
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if _name(node.func) in KIND_FIRST:
                messages = [k.value for k in node.keywords if k.arg == "message"]
            elif _passes_a_code(node):  # the message: any argument but a field name
                messages = [
                    *node.args[:2],
                    *(k.value for k in node.keywords if k.arg not in ("field", "fields", "constraint")),
                ]
            else:
                messages = []
            for argument in messages:
                if _text(argument) is not None:
                    bare.append(f"{where}:{node.lineno}")
            if _name(node.func) == "t" and len(node.args) == 2:
                en, zh = (_text(argument) for argument in node.args)  # None: built at run time
                if en == "" or (zh is not None and not CJK.search(zh)):
                    one_language.append(f"{where}:{node.lineno}")
    assert bare == [], "messages without a t(en, zh): " + ", ".join(bare)
    assert one_language == [], "t(en, zh) without Chinese: " + ", ".join(one_language)


def test_a_message_is_shown_in_the_viewers_language():
    text = t("No such order.", "没有这笔订单。")
    assert (text.in_("en"), text.in_("zh-CN"), text.in_(None), text.in_("fr")) == (
        "No such order.",
        "没有这笔订单。",
        "没有这笔订单。",
        "没有这笔订单。",
    )
    with pytest.raises(TypeError):
        DomainError("NOT_FOUND", "No such order.")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Text("No such order.", "")
