"""The API edge of domain errors: one ``ErrorCode`` GraphQL enum merged from every domain's
code enum, the ``UserError`` type of mutation payloads, and ``check_input`` that turns
refused decimal inputs into ``DomainError``s naming the field."""

from __future__ import annotations

import dataclasses
from enum import Enum

import strawberry

import advisor.errors
import credit.errors
import investing.errors
import jobs.errors
import ledger.errors
import lending.errors
import notifications.errors
import products.errors
import questionnaire.errors
import securitisation.errors
import tradingcalendar.errors
import users.errors
import wallet.errors
from api.ids import NODE_KIND, node_key
from api.observability import count_user_errors
from api.scalars import InvalidValue
from core.calendar import CalendarErrorCode
from core.errors import CommonErrorCode, DomainError, raise_all, t
from core.text import check_encodable

DOMAIN_CODE_ENUMS = (
    CommonErrorCode,
    CalendarErrorCode,
    tradingcalendar.errors.TradingCalendarErrorCode,
    users.errors.UserErrorCode,
    questionnaire.errors.QuestionnaireErrorCode,
    products.errors.ProductsErrorCode,
    ledger.errors.LedgerErrorCode,
    wallet.errors.WalletErrorCode,
    investing.errors.InvestingErrorCode,
    advisor.errors.AdvisorErrorCode,
    credit.errors.CreditErrorCode,
    lending.errors.LendingErrorCode,
    securitisation.errors.SecuritisationErrorCode,
    notifications.errors.NotificationErrorCode,
    jobs.errors.JobErrorCode,
)


def _merged_codes() -> type[Enum]:
    members: dict[str, str] = {}
    for enum in DOMAIN_CODE_ENUMS:
        for member in enum:
            members.setdefault(member.value, member.value)
    return Enum("ErrorCode", dict(sorted(members.items())))


ErrorCodeEnum = _merged_codes()
ErrorCode = strawberry.enum(
    ErrorCodeEnum, name="ErrorCode", description="Why a request was refused (stable, for clients to branch on)."
)


@strawberry.type(description="A refusal the user can act on: which input, what happened, and a stable code.")
class UserError:
    field: str | None
    message: str
    code: ErrorCode

    @classmethod
    def from_domain(cls, error: DomainError, locale: str | None = None) -> UserError:
        return cls(field=error.field, message=error.text.in_(locale), code=ErrorCodeEnum(str(error.code)))

    @classmethod
    def all_from(cls, error: DomainError, locale: str | None = None) -> list[UserError]:
        """One entry per refusal (``DomainErrors`` carries several), in ``locale``; each is
        counted by code (``robo_graphql_errors_total{kind="user_error"}``)."""
        entries = [cls.from_domain(each, locale) for each in error.all]
        count_user_errors([str(entry.code.value) for entry in entries])
        return entries


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def check_input(value: object, path: str = "") -> None:
    """Raise a ``DomainError`` for every ``InvalidValue`` in an input object, text containing
    a NUL character (PostgreSQL cannot store one) or a lone surrogate (not Unicode:
    ``INVALID_TEXT``), and every global id that does not name an object of its field's type;
    several at once as ``DomainErrors``. Valid global ids are replaced by their keys
    (``api.ids.id_input``)."""
    problems: list[DomainError] = []
    _check(value, path, problems)
    raise_all(problems)


def _check(value: object, path: str, problems: list[DomainError]) -> None:
    try:
        if isinstance(value, InvalidValue):
            code = CommonErrorCode.INVALID_AMOUNT if "amount" in path.lower() else CommonErrorCode.INVALID_DECIMAL
            reason = value.reason
            english = reason.en[0].upper() + reason.en[1:] + "."
            raise DomainError(code, t(english, reason.zh.rstrip("。.") + "。"), path or None)
        if isinstance(value, str):
            if "\x00" in value:
                raise DomainError(
                    CommonErrorCode.INVALID_INPUT,
                    t("Text may not contain NUL characters.", "文字中不能含有空字符。"),
                    path or None,
                )
            check_encodable(value, path or None)
            return
    except DomainError as error:
        problems.append(error)
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            _check(item, f"{path}.{index}" if path else str(index), problems)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            name = camel(field.name)
            where = f"{path}.{name}" if path else name
            item = getattr(value, field.name)
            node = field.metadata.get(NODE_KIND) if field.metadata else None
            if node is not None and item is not None:  # a global id: replaced by its key
                kind, code, message = node
                try:
                    setattr(value, field.name, node_key(item, kind, field=where, code=code, message=message))
                except DomainError as error:
                    problems.append(error)
            else:
                _check(item, where, problems)


def valid(value, argument: str):
    """For query arguments: the parsed value, or a ``DomainError`` naming the argument."""
    check_input(value, argument)
    return value
