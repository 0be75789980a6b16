"""The API reaches each domain through the domain's ``service`` module (plus the vocabulary it
shapes output with: ``errors``, ``kinds``, ``models``, ``users.roles``): business rules live
in the domains, where the CLI, the jobs and the tests get them too."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = {
    "users",
    "tradingcalendar",
    "questionnaire",
    "products",
    "ledger",
    "wallet",
    "investing",
    "credit",
    "lending",
    "securitisation",
    "advisor",
    "jobs",
}
ALLOWED = {"service", "errors", "kinds", "models", "roles"}


def reaches_past_services(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            parts = node.module.split(".")
            names = [f"{node.module}.{a.name}" for a in node.names] if len(parts) == 1 else [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] in DOMAINS and (len(parts) < 2 or parts[1] not in ALLOWED):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    return found


def test_the_api_calls_the_domains_through_their_services():
    found = [line for path in sorted((ROOT / "api").rglob("*.py")) for line in reaches_past_services(path)]
    assert found == []


def test_the_boundary_check_sees_a_module_imported_past_the_service(tmp_path):
    module = tmp_path / "resolver.py"
    module.write_text(
        "from wallet import service\nfrom wallet.payments import pay\n\ndef f():\n    from investing import orders\n"
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert [line.split(" imports ")[1] for line in reaches_past_services(module)] == [
            "wallet.payments",
            "investing.orders",
        ]
    finally:
        ROOT = saved


QUERYING = {"get", "scalar", "scalars", "execute", "query", "add", "delete", "merge"}


def queries_the_database(path: Path) -> list[str]:
    """Calls such as ``session.get(...)`` or ``session.execute(...)`` and SQLAlchemy's query
    builders: reading and writing rows is the domain services' business."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERYING
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "session"
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} calls session.{node.func.attr}")
        if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} builds queries with sqlalchemy")
    return found


def test_the_api_reads_and_writes_rows_only_through_the_services():
    found = [line for path in sorted((ROOT / "api" / "graphql").rglob("*.py")) for line in queries_the_database(path)]
    assert found == []


def test_the_query_check_sees_a_resolver_reading_rows(tmp_path):
    module = tmp_path / "resolver.py"
    module.write_text("from sqlalchemy import select\n\ndef f(session):\n    return session.get(Row, 1)\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert [line.split(" ", 1)[1] for line in queries_the_database(module)] == [
            "builds queries with sqlalchemy",
            "calls session.get",
        ]
    finally:
        ROOT = saved
