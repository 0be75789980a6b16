"""``robo serve`` serves the built web app at ``/`` (``ROBO_WEB_DIST``): its files, and its
``index.html`` for any other path (the app's own routes), while the API's paths keep answering
as the API (GraphQL, the statement download, health, and 404 for what production hides)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.conftest import test_settings


@pytest.fixture
def served(db, clock, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>", encoding="utf-8")
    (tmp_path / "assets" / "index-abc.js").write_text("console.log(1)", encoding="utf-8")
    app = create_app(
        test_settings(web_dist=str(tmp_path), env="production", secret_key="s" * 40, identity_key="i" * 40),
        db=db,
        clock=clock,
        run_periodic_jobs=False,
    )
    with TestClient(app) as client:
        yield client


def test_the_app_is_served_with_its_routes_falling_back_to_index(served):
    assert served.get("/").text.startswith("<!doctype html>")
    for route in ("/wallet", "/statements", "/products/UHJvZHVjdDox", "/staff/ops"):
        answer = served.get(route)
        assert answer.status_code == 200 and "id=root" in answer.text, route
    asset = served.get("/assets/index-abc.js")
    assert asset.text == "console.log(1)" and "immutable" in asset.headers["cache-control"]
    assert served.get("/../pyproject.toml").text.startswith("<!doctype html>")  # never outside the build


def test_the_api_keeps_its_paths(served):
    assert served.post("/graphql", json={"query": "{ catalogueVersion }"}).json()["data"]["catalogueVersion"]
    assert served.get("/healthz").json()["status"] == "ok"
    assert served.get("/statements/2026-11.csv").status_code == 401
    for hidden in ("/docs", "/openapi.json", "/graphql"):
        assert served.get(hidden, headers={"Accept": "text/html"}).status_code == 404, hidden


def test_without_a_build_only_the_api_answers(db, clock, tmp_path):
    app = create_app(test_settings(web_dist=str(tmp_path / "missing")), db=db, clock=clock, run_periodic_jobs=False)
    with TestClient(app) as client:
        assert client.get("/wallet").status_code == 404
