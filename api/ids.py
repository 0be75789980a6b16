"""Global object ids: what a client sees and sends instead of database keys.

An id encodes the object's GraphQL type and its key (an integer; negative for the wallet
history's income lines, which are read from the ledger), ``base64url("Payment:42")`` without
padding (``UGF5bWVudDo0Mg``), so ``node(id)`` can refetch any object and a normalising cache
(Relay, Apollo) can key on the id alone. Ids are opaque to clients and never integers: what
stops anyone from walking them is the authorisation on every object, not the encoding.

``global_id(kind, key)`` makes one; ``node_key(value, kind, ...)`` takes one a client sent and
returns the key, or raises ``DomainError`` (``NOT_FOUND`` by default: a malformed id, an id of
another type and an id of nothing are the same answer). Input fields declared with
``id_input(kind)`` are decoded by ``api.errors.check_input`` before a mutation runs, so the
domain services receive plain keys.
"""

from __future__ import annotations

import base64
import binascii
import re
from enum import StrEnum
from typing import Any

import strawberry

from core.errors import CommonErrorCode, DomainError, Text, t
from core.ids import parse_id

_ENCODED = re.compile(r"[A-Za-z0-9_-]{4,64}")
_DECODED = re.compile(r"([A-Za-z]{1,40}):(-?)([1-9][0-9]{0,18})")
NODE_KIND = "robo_node_kind"  # the metadata key of an ID input field's kind


def global_id(kind: str, key: int) -> strawberry.ID:
    """The global id of the ``kind`` object with database key ``key``."""
    assert kind in KINDS, kind
    return strawberry.ID(base64.urlsafe_b64encode(f"{kind}:{key}".encode()).decode().rstrip("="))


def optional_global_id(kind: str, key: int | None) -> strawberry.ID | None:
    return None if key is None else global_id(kind, key)


def decode(value: object) -> tuple[str, int] | None:
    """``(kind, key)`` from a global id, or None for anything else (canonical form only, so
    one object has exactly one id)."""
    if not isinstance(value, str) or not _ENCODED.fullmatch(value):
        return None
    try:
        text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("ascii")
    except (binascii.Error, ValueError, UnicodeError):
        return None
    match = _DECODED.fullmatch(text)
    if match is None or match.group(1) not in KINDS:
        return None
    try:
        kind, key = match.group(1), parse_id(match.group(3), field="id") * (-1 if match.group(2) else 1)
    except DomainError:  # beyond 64 bits
        return None
    return (kind, key) if global_id(kind, key) == value else None


def node_key(
    value: object,
    kind: str | tuple[str, ...],
    *,
    field: str,
    code: StrEnum = CommonErrorCode.NOT_FOUND,
    message: Text | None = None,
) -> int:
    """The key of the ``kind`` object ``value`` names, or ``DomainError(code, message, field)``."""
    kinds = (kind,) if isinstance(kind, str) else kind
    decoded = decode(value)
    if decoded is None or decoded[0] not in kinds:
        raise DomainError(code, message or t("No such object.", "找不到这个对象。"), field)
    return decoded[1]


def key_of(value: object) -> int:
    """The key of an id this server made (the ``id`` of an object being resolved)."""
    decoded = decode(value)
    if decoded is None:
        raise ValueError(f"not a global id: {value!r}")
    return decoded[1]


def id_input(
    kind: str, *, code: StrEnum = CommonErrorCode.NOT_FOUND, message: Text | None = None, **kwargs: Any
) -> Any:
    """An ``ID`` input field naming a ``kind`` object; ``check_input`` replaces the global id
    by its key (or refuses it with ``code``) before the mutation runs."""
    assert kind in KINDS, kind
    metadata = {NODE_KIND: (kind, code, message or _not_found(kind))}
    return strawberry.field(metadata=metadata, **kwargs)


_NAMES_ZH = {
    "AbsPool": "资产池",
    "BankCard": "银行卡",
    "FundDistribution": "分红",
    "FundOrder": "订单",
    "Goal": "目标",
    "InvestmentPlan": "定投计划",
    "InvestmentPlanRun": "定投记录",
    "AutomaticRebalance": "自动再平衡记录",
    "IncomeFigureRequest": "收益审批申请",
    "JobRun": "作业运行",
    "Loan": "贷款",
    "LoanApplication": "借款申请",
    "NavCorrection": "净值更正",
    "Notification": "通知",
    "Payment": "付款",
    "Product": "产品",
    "ProductAuditEntry": "审计记录",
    "PortfolioEvent": "投资动态",
    "ProductChangeRequest": "变更申请",
    "Recommendation": "配置建议",
    "RiskAssessment": "风险测评",
    "Session": "登录设备",
    "TradingCalendarImport": "日历导入记录",
    "User": "用户",
    "UserAccount": "用户",
    "WalletEvent": "钱包动态",
    "WalletTransaction": "交易记录",
    "Withdrawal": "提现",
}


KINDS = frozenset(_NAMES_ZH)
"""The types with global ids; each implements ``Node`` (``api.graphql.node``)."""


def _not_found(kind: str) -> Text:
    words = re.sub(r"(?<!^)([A-Z])", r" \1", kind).lower()
    return t(f"No such {words}.", f"找不到这个{_NAMES_ZH[kind]}。")
