"""Text that people type and other people read: one set of rules for every domain.

- ``check_encodable``: any text from a client must be valid Unicode. JSON lets a client send a
  lone surrogate (``"\\ud800"``), which no database can store: refused with ``INVALID_TEXT``.
- ``clean_visible``: text shown to other people (display names, payment memos, reasons):
  NFKC-normalised, inner whitespace collapsed, and no control or invisible formatting
  characters (Unicode categories Cc and Cf: bidi overrides, zero-width spaces, ...), which
  could make one text look like another.
- ``impersonates_staff``: a display name may not pass for the platform or its staff
  (``RESERVED_NAMES``: Latin ones as whole words, also written apart, Chinese ones anywhere).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from core.errors import CommonErrorCode, DomainError, Text, t

PLATFORM_NAMES = ("robo", "roboadvisor", "robo-advisor", "智能投顾")
RESERVED_NAMES = (
    "operator",
    "admin",
    "administrator",
    "support",
    "customerservice",
    "customersupport",
    "service",
    "staff",
    "official",
    "security",
    "system",
    "客服",
    "官方",
    "管理员",
    "运营",
    "系统",
    "平台",
    "安全中心",
    "客户服务",
    *PLATFORM_NAMES,
)
_LATIN = re.compile(r"[a-z0-9]+")
TEXT = t("text", "文本")  # what ``clean_visible`` calls the text it refuses


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()


_RESERVED_WORDS = frozenset(re.sub(r"[\W_]+", "", _fold(name)) for name in RESERVED_NAMES if name.isascii())
_RESERVED_CJK = tuple(name for name in RESERVED_NAMES if not name.isascii())
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


def check_encodable(value: str, field: str | None) -> None:
    """``INVALID_TEXT`` for text holding a lone surrogate (not valid Unicode)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise DomainError(
            CommonErrorCode.INVALID_TEXT,
            t("This text contains characters that are not valid Unicode.", "文本中含有无效的 Unicode 字符。"),
            field,
        ) from None


def clean_visible(value: str, *, field: str, code: StrEnum, limit: int, what: Text = TEXT) -> str:
    """The text as shown to others (see the module docstring); ``code`` for what breaks the
    rules. An empty result is returned as "" (the caller decides whether that is allowed)."""
    check_encodable(value, field)
    cleaned = " ".join(unicodedata.normalize("NFKC", value).split())
    if any(unicodedata.category(char) in _INVISIBLE for char in cleaned):
        raise DomainError(
            code,
            t(
                f"The {what.en} may not contain control or invisible formatting characters.",
                f"{what.zh}不能包含控制字符或不可见的格式字符。",
            ),
            field,
        )
    if len(cleaned) > limit:
        raise DomainError(
            code, t(f"The {what.en} has at most {limit} characters.", f"{what.zh}最多 {limit} 个字符。"), field
        )
    return cleaned


def impersonates_staff(name: str) -> bool:
    """Whether a display name passes for staff: one of its words, or several adjacent words
    written together ("Customer Service"), is a reserved Latin name, or it contains a
    reserved Chinese one ("客服小王")."""
    folded = _fold(name)
    if any(reserved in folded for reserved in _RESERVED_CJK):
        return True
    words = _LATIN.findall(folded)
    return any("".join(words[i:j]) in _RESERVED_WORDS for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def mask_name(name: str) -> str:
    """A name shown to someone who does not know its owner yet: Chinese names keep their last
    character (李四 -> ``*四``), others their first and last (Alice -> ``A***e``)."""
    name = name.strip()
    if len(name) <= 1:
        return "*"
    if not name.isascii():
        return "*" + name[-1]
    return name[0] + "***" + (name[-1] if len(name) > 2 else "")
