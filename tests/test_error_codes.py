"""Every ``ErrorCode`` of the schema is sent by some code path (issue 15): for each code the
test finds where it is raised (``SomeErrorCode.CODE`` used outside the enums' own modules)
and fails for a code nothing sends, so clients never branch on a code that cannot happen.
It prints the table of codes and raise sites (``pytest -s``)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from api.errors import DOMAIN_CODE_ENUMS, ErrorCodeEnum

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "advisor",
    "api",
    "core",
    "credit",
    "investing",
    "jobs",
    "ledger",
    "lending",
    "notifications",
    "products",
    "questionnaire",
    "securitisation",
    "tradingcalendar",
    "users",
    "wallet",
)
# Codes that are sent without naming their enum member at the raise site.
SENT_BY_VALUE = {
    "INTERNAL_ERROR",  # not a domain code: the error masking's answer to an unexpected error
}


def _where_sent() -> dict[str, list[str]]:
    enum_names = {enum.__name__ for enum in DOMAIN_CODE_ENUMS}
    enum_modules = {Path(*enum.__module__.split(".")).with_suffix(".py") for enum in DOMAIN_CODE_ENUMS}
    found: dict[str, list[str]] = defaultdict(list)
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = set(enum_names)  # and their local aliases (``import X as Code``, ``Code = X``)
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    names |= {alias.asname for alias in node.names if alias.name in enum_names and alias.asname}
                elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in enum_names:
                    names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name | ast.Attribute)
                    and (node.value.id if isinstance(node.value, ast.Name) else node.value.attr) in names
                ):
                    if relative in enum_modules and isinstance(getattr(node, "ctx", None), ast.Store):
                        continue
                    found[node.attr].append(f"{relative}:{node.lineno}")
    return found


def test_every_error_code_is_sent_somewhere():
    sent = _where_sent()
    table = [f"{member.value:32} {', '.join(sent.get(member.value, ['-'])[:3])}" for member in ErrorCodeEnum]
    print("\n".join(table))  # the codes and where each is sent (pytest -s)
    unsent = [
        member.value for member in ErrorCodeEnum if member.value not in sent and member.value not in SENT_BY_VALUE
    ]
    assert unsent == [], f"codes that nothing sends (remove them or send them): {unsent}"
