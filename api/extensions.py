"""GraphQL hardening, configured once in ``build_extensions``.

``DocumentCache`` parses and validates each distinct document once: the token limit applies
while parsing, and the depth limit, the alias limit and (in production) the introspection ban
are validation rules, so every limit is checked on the first sight of a document and the
verdict is cached with it. Per request, only a dictionary lookup remains.

``ErrorMasking`` hides unexpected exceptions (logged with a request id, answered with that
id), while refusals meant for the client (domain errors, limit violations, authentication)
keep their message and get a ``code`` in ``extensions``.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Iterator
from threading import Lock

from graphql import GraphQLError, parse, specified_rules, validate
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from api.http_limits import MAX_CACHED_QUERY_BYTES
from api.observability import OperationName, count_error
from core.errors import DomainError
from core.settings import Settings

log = logging.getLogger("api.errors")


class _LRU:
    """Least-recently-used entries, bounded by their number and by their total ``cost`` (a
    parsed document's memory grows with its tokens, not with its text: comments and long
    lists of fields cost far more than their characters)."""

    def __init__(self, size: int, budget: int) -> None:
        self.size = size
        self.budget = budget
        self.items: OrderedDict[str, tuple] = OrderedDict()
        self.costs: dict[str, int] = {}
        self.spent = 0
        self.lock = Lock()

    def get(self, key: str):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: str, value: tuple, cost: int = 1) -> None:
        if cost > self.budget:
            return
        with self.lock:
            if key in self.items:
                self.spent -= self.costs[key]
            self.items[key] = value
            self.items.move_to_end(key)
            self.costs[key] = cost
            self.spent += cost
            while len(self.items) > self.size or self.spent > self.budget:
                old, _ = self.items.popitem(last=False)
                self.spent -= self.costs.pop(old)


CACHE_BYTE_BUDGET = 32 * 1024 * 1024  # what all cached documents may take, estimated (below)
BYTES_PER_CHARACTER = 2  # the query text is kept twice: as the key and as the document's source
BYTES_PER_TOKEN = 160  # a lexer token (the parsed document keeps them all, comments included)
BYTES_PER_ERROR = 8_000  # a validation error with its message, locations and nodes


def document_cost(query: str, document, errors) -> int:
    """The estimated memory (bytes) of a cached document: its text, its tokens, its errors."""
    tokens, token = 0, document.loc.start_token if document.loc is not None else None
    while token is not None:
        tokens += 1
        token = token.next
    return BYTES_PER_CHARACTER * len(query) + BYTES_PER_TOKEN * tokens + BYTES_PER_ERROR * len(errors)


class DocumentPolicy:
    """The limits and the shared cache of one schema (built once per app)."""

    def __init__(
        self,
        *,
        max_depth: int,
        max_aliases: int,
        max_tokens: int,
        introspection: bool,
        cache_size: int,
        hide_suggestions: bool = False,
    ):
        self.max_tokens = max_tokens
        self.hide_suggestions = hide_suggestions
        self.spec_rules = (*specified_rules, MaybeNullValidationRule, OneOfInputValidationRule)
        limits = [depth_rule(max_depth, None, None), alias_rule(max_aliases)]
        if not introspection:
            limits.append(NoSchemaIntrospectionCustomRule)
        self.limit_rules = tuple(limits)
        self.cache = _LRU(cache_size, CACHE_BYTE_BUDGET)

    def document(self, schema, query: str):
        """``(document, errors)`` for ``query``; raises ``GraphQLError`` on a syntax error or
        too many tokens (not cached: those are cheap to reject again)."""
        cached = self.cache.get(query)
        if cached is None:
            document = parse(query, max_tokens=self.max_tokens)
            cached = (document, self.validate(schema, document))
            if len(query) <= MAX_CACHED_QUERY_BYTES // 4 or len(query.encode()) <= MAX_CACHED_QUERY_BYTES:
                self.cache.put(query, cached, document_cost(query, *cached))  # big documents are never kept (memory)
        return cached

    def validate(self, schema, document) -> list[GraphQLError]:
        # The limit rules assume a valid document (the depth rule fails on an unknown
        # fragment), so they run once the specification's rules have passed.
        errors = validate(schema, document, self.spec_rules, hide_suggestions=self.hide_suggestions)
        if not errors:
            errors = validate(schema, document, self.limit_rules)
        return errors


def document_cache(policy: DocumentPolicy):
    class DocumentCache(SchemaExtension):
        shared = policy  # the cache and limits this schema's requests share

        def on_parse(self) -> Iterator[None]:
            context = self.execution_context
            context.parse_options["max_tokens"] = policy.max_tokens
            if context.query:
                try:
                    document, errors = policy.document(context.schema._schema, context.query)
                except GraphQLError:
                    # Let strawberry parse again (same limits) and report the error its way.
                    pass
                else:
                    context.graphql_document = document
                    self._errors = errors
            yield

        def on_validate(self) -> Iterator[None]:
            errors = getattr(self, "_errors", None)
            if errors is not None:
                self.execution_context.pre_execution_errors = list(errors)
            yield

    return DocumentCache


PUBLIC_ERROR_CODE = "code"


_SUGGESTION = re.compile(r"\s*Did you mean .*$", re.DOTALL)


def error_masking(*, expose_internal: bool, hide_suggestions: bool = False):
    class ErrorMasking(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            yield
            result = self.execution_context.result
            errors = getattr(result, "errors", None)
            if errors:
                result.errors = [self._process(error) for error in errors]
                for error in result.errors:
                    code = (error.extensions or {}).get(PUBLIC_ERROR_CODE)
                    count_error(str(code) if code else "GRAPHQL_VALIDATION_FAILED")

        def _process(self, error: GraphQLError) -> GraphQLError:
            original = error.original_error
            if isinstance(original, DomainError):
                extensions = dict(error.extensions or {})
                extensions[PUBLIC_ERROR_CODE] = str(original.code)
                if original.field:
                    extensions["field"] = original.field
                locale = getattr(self.execution_context.context, "locale", None)
                return GraphQLError(
                    original.text.in_(locale), error.nodes, error.source, error.positions, error.path, None, extensions
                )
            if isinstance(original, UnicodeEncodeError):  # a lone surrogate reached the database driver
                return GraphQLError(
                    "This text contains characters that are not valid Unicode.",
                    error.nodes,
                    error.source,
                    error.positions,
                    error.path,
                    None,
                    {PUBLIC_ERROR_CODE: "INVALID_TEXT"},
                )
            if original is None or isinstance(original, GraphQLError) or error.path is None:
                # Syntax, validation, limits and variable coercion: the client's to fix.
                if hide_suggestions and "Did you mean" in error.message:
                    error.message = _SUGGESTION.sub("", error.message)
                return error
            context = self.execution_context.context
            request_id = getattr(context, "request_id", "-")
            log.error(
                "unexpected error in %s (request id %s)",
                ".".join(str(part) for part in error.path),
                request_id,
                exc_info=(type(original), original, original.__traceback__),
            )
            message = f"Unexpected error (request id {request_id})."
            if expose_internal:
                message += f" {type(original).__name__}: {original}"
            return GraphQLError(
                message,
                error.nodes,
                error.source,
                error.positions,
                error.path,
                None,
                {PUBLIC_ERROR_CODE: "INTERNAL_ERROR", "requestId": request_id},
            )

    return ErrorMasking


def build_extensions(settings: Settings) -> list:
    policy = DocumentPolicy(
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_tokens=settings.max_tokens,
        introspection=not settings.is_production,
        cache_size=settings.document_cache_size,
        hide_suggestions=settings.is_production,
    )
    # Classes, not instances: strawberry makes fresh extension objects per request.
    return [
        error_masking(expose_internal=False, hide_suggestions=settings.is_production),
        document_cache(policy),
        OperationName,  # the latency metric's label (api.observability)
    ]
