"""Trusted documents (issue 15): with ``ROBO_TRUSTED_DOCUMENTS`` the server runs only the
documents of its list, named by id (either convention) or sent in full; anything else is
refused before it is parsed."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.trusted_documents import TrustedDocuments, digest
from tests.conftest import test_settings

CATALOGUE_VERSION = "query Version { catalogueVersion }"
ME = "query Me { me { id } }"


@pytest.fixture
def trusted_http(db, clock, tmp_path):
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps({digest(CATALOGUE_VERSION): CATALOGUE_VERSION, f"sha256:{digest(ME)}": ME}))
    app = create_app(test_settings(trusted_documents=str(path)), db=db, clock=clock, run_periodic_jobs=False)
    with TestClient(app) as client:
        yield client


def test_only_listed_documents_run(trusted_http):
    listed = [
        {"documentId": digest(CATALOGUE_VERSION)},
        {"documentId": f"sha256:{digest(CATALOGUE_VERSION)}"},
        {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest(CATALOGUE_VERSION)}}},
        {"query": CATALOGUE_VERSION},
    ]
    for body in listed:
        answer = trusted_http.post("/graphql", json=body)
        assert answer.status_code == 200 and answer.json()["data"]["catalogueVersion"], body
    assert trusted_http.post("/graphql", json={"documentId": digest(ME)}).json() == {"data": {"me": None}}
    refused = [
        {"query": "{ catalogueVersion }"},  # the same operation, but not the listed text
        {"query": CATALOGUE_VERSION, "documentId": "0" * 64},
        {"documentId": "not-a-hash"},
        {"extensions": {"persistedQuery": {"sha256Hash": digest("{ __schema { types { name } } }")}}},
        {},
    ]
    for body in refused:
        answer = trusted_http.post("/graphql", json=body)
        assert answer.status_code == 400 and "trusted documents only" in answer.text, body


def test_a_list_whose_hash_does_not_match_its_document_is_refused_at_start(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({digest(ME): CATALOGUE_VERSION}))
    with pytest.raises(ValueError, match="not the SHA-256"):
        TrustedDocuments.load(path)


UPLOAD = "mutation Upload($input: ImportProductHistoryInput!) { importProductHistory(input: $input) { loaded } }"


def test_a_listed_upload_runs_its_files_map_is_not_taken_for_a_document(db, clock, tmp_path):
    """A multipart request's ``map`` part is JSON too; the web app's CSV upload is listed, so
    it reaches the resolver (which refuses the anonymous caller), while an unlisted one is 400."""
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps({f"sha256:{digest(UPLOAD)}": UPLOAD}))
    app = create_app(test_settings(trusted_documents=str(path)), db=db, clock=clock, run_periodic_jobs=False)

    def post(operations: dict):
        return client.post(
            "/graphql",
            data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.file"]})},
            files={"0": ("history.csv", b"product_code,date,nav\n", "text/csv")},
            headers={"Apollo-Require-Preflight": "true"},
        )

    with TestClient(app) as client:
        listed = post(
            {
                "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest(UPLOAD)}},
                "variables": {"input": {"file": None}},
            }
        )
        assert listed.status_code == 200, listed.text
        assert "trusted documents only" not in listed.text
        unlisted = post({"query": UPLOAD.replace("loaded", "alreadyStored"), "variables": {"input": {"file": None}}})
        assert unlisted.status_code == 400 and "trusted documents only" in unlisted.text
