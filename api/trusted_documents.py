"""Trusted documents (persisted queries): with ``ROBO_TRUSTED_DOCUMENTS`` naming a JSON file
``{"<sha256 of the document>": "<document>", ...}`` (what a client build's persisted-documents
step writes, e.g. GraphQL Codegen's or Relay's), the server runs only those documents.

A request names one by ``documentId`` (the GraphQL-over-HTTP persisted-documents form, with
or without a ``sha256:`` prefix) or ``extensions.persistedQuery.sha256Hash`` (Apollo's), or
sends the full text of a listed document; anything else is refused with 400 before it is
parsed. Off by default (development needs arbitrary queries); turn it on in production so
that an attacker cannot send hand-made documents at all.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

_HASH = re.compile(r"(?:sha256:)?([0-9a-f]{64})")


class UntrustedDocument(ValueError):
    """A request for a document not on the list (its message is for the client)."""


class TrustedDocuments:
    def __init__(self, documents: dict[str, str]) -> None:
        self.documents = documents

    @classmethod
    def load(cls, path: str | Path) -> TrustedDocuments:
        """The list in ``path``; every entry's hash must be its document's SHA-256."""
        loaded = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError(f"{path}: expected a JSON object of sha256 -> document")
        documents = {}
        for key, document in loaded.items():
            match = _HASH.fullmatch(str(key).lower())
            if match is None or not isinstance(document, str) or digest(document) != match.group(1):
                raise ValueError(f"{path}: {key!r} is not the SHA-256 of its document")
            documents[match.group(1)] = document
        return cls(documents)

    def resolve(self, request: dict[str, Any]) -> dict[str, Any]:
        """``request`` with the text of its trusted document as ``query``, or ``UntrustedDocument``."""
        extensions = request.get("extensions")
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        wanted = request.get("documentId")
        if wanted is None and isinstance(persisted, dict):
            wanted = persisted.get("sha256Hash")
        if wanted is None and isinstance(request.get("query"), str):
            wanted = digest(request["query"])
        match = _HASH.fullmatch(wanted.lower()) if isinstance(wanted, str) else None
        document = None if match is None else self.documents.get(match.group(1))
        if document is None:
            raise UntrustedDocument("This server runs trusted documents only, and this one is not among them.")
        return {**request, "query": document}


def digest(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()
