"""Suitability: may this user buy a product of this risk level? One function for everyone
(recommendations, orders), following the CSRC investor suitability scheme:

- without a valid assessment (missing or expired) only R1 is allowed;
- a lowest-category user (accepts no loss at all) may never go above R1, even with a warning;
- a qualified-investors-only product needs a qualified investor (ABS units: by the private-fund
  test, ``core.risk.Qualification``);
- someone under 18 (by their verified identity) may buy R1 products only;
- category Ck may buy R1..Rk; above Rk needs the acknowledgement of a specific warning;
- a user aged 65 or over needs an acknowledgement for R4/R5 even when allowed. The age is the
  verified identity's at the time of the order (``age``), else the questionnaire's answer.

A warning's id is deterministic for (assessment, product level, reason), so an order can
record which warning the user acknowledged and ``verify_acknowledgement`` can check it later.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from core.clock import DEFAULT_ZONE
from core.errors import DomainError, Text
from core.risk import Qualification, RiskLevel
from questionnaire.errors import QuestionnaireErrorCode
from questionnaire.profiles import ProfileStatus, RiskProfile
from questionnaire.texts import REASONS, WARNINGS, category_name, level_name
from users.models import DEFAULT_LOCALE, SUPPORTED_LOCALES

ELDERLY_WARNING_FROM = RiskLevel.R4
PLATFORM_ZONE = ZoneInfo(DEFAULT_ZONE)  # dates in texts are Shanghai dates


class Decision(StrEnum):
    ALLOWED = "ALLOWED"
    NEEDS_ACKNOWLEDGEMENT = "NEEDS_ACKNOWLEDGEMENT"
    FORBIDDEN = "FORBIDDEN"


class ReasonCode(StrEnum):
    WITHIN_CATEGORY = "WITHIN_CATEGORY"
    LOWEST_RISK_LEVEL = "LOWEST_RISK_LEVEL"  # R1 without a valid assessment
    ABOVE_CATEGORY = "ABOVE_CATEGORY"
    ELDERLY_HIGH_RISK = "ELDERLY_HIGH_RISK"
    LOWEST_CATEGORY = "LOWEST_CATEGORY"
    ASSESSMENT_MISSING = "ASSESSMENT_MISSING"
    ASSESSMENT_EXPIRED = "ASSESSMENT_EXPIRED"
    NOT_QUALIFIED_INVESTOR = "NOT_QUALIFIED_INVESTOR"
    NOT_PRIVATE_FUND_QUALIFIED = "NOT_PRIVATE_FUND_QUALIFIED"
    MINOR = "MINOR"


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    text: str


@dataclass(frozen=True, slots=True)
class Warning:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class SuitabilityResult:
    decision: Decision
    reason: Reason
    warning: Warning | None = None

    @property
    def allowed(self) -> bool:
        return self.decision is Decision.ALLOWED


def warning_id(assessment_id: int, level: RiskLevel, reason: ReasonCode) -> str:
    return f"RW-{assessment_id}-{level.value}-{reason.value}"


ADULT_AGE = 18
ELDERLY_AGE = 65


def _requirement(qualified_investors_only: bool | Qualification) -> Qualification:
    if isinstance(qualified_investors_only, Qualification):
        return qualified_investors_only
    return Qualification.ASSET_MANAGEMENT if qualified_investors_only else Qualification.NONE


def decide(
    profile: RiskProfile,
    level: RiskLevel,
    qualified_investors_only: bool | Qualification = False,
    age: int | None = None,
) -> tuple[Decision, ReasonCode]:
    """The decision and its reason, without texts (the rules in one place). ``age``: the
    verified identity's age now, when known (else the questionnaire's answer counts)."""
    requirement = _requirement(qualified_investors_only)
    qualified_investors_only = requirement is not Qualification.NONE
    age = age if age is not None else profile.age
    if age is not None and age < ADULT_AGE and level is not RiskLevel.R1:
        return Decision.FORBIDDEN, ReasonCode.MINOR
    if not profile.is_valid:
        missing = profile.status is ProfileStatus.MISSING
        if level is RiskLevel.R1 and not qualified_investors_only:
            return Decision.ALLOWED, ReasonCode.LOWEST_RISK_LEVEL
        return Decision.FORBIDDEN, ReasonCode.ASSESSMENT_MISSING if missing else ReasonCode.ASSESSMENT_EXPIRED
    if profile.lowest_category and level is not RiskLevel.R1:
        return Decision.FORBIDDEN, ReasonCode.LOWEST_CATEGORY
    if requirement is Qualification.PRIVATE_FUND and not profile.private_fund_qualified:
        return Decision.FORBIDDEN, ReasonCode.NOT_PRIVATE_FUND_QUALIFIED
    if requirement is Qualification.ASSET_MANAGEMENT and not profile.qualified_investor:
        return Decision.FORBIDDEN, ReasonCode.NOT_QUALIFIED_INVESTOR
    if level.rank > profile.risk_category.rank:
        return Decision.NEEDS_ACKNOWLEDGEMENT, ReasonCode.ABOVE_CATEGORY
    if _elderly(profile, age) and level.rank >= ELDERLY_WARNING_FROM.rank:
        return Decision.NEEDS_ACKNOWLEDGEMENT, ReasonCode.ELDERLY_HIGH_RISK
    return Decision.ALLOWED, ReasonCode.WITHIN_CATEGORY


def _elderly(profile: RiskProfile, age: int | None) -> bool:
    age = age if age is not None else profile.age
    return age >= ELDERLY_AGE if age is not None else profile.elderly


def check(
    *,
    profile: RiskProfile,
    product_risk_level: RiskLevel,
    qualified_investors_only: bool | Qualification = False,
    locale: str = DEFAULT_LOCALE,
    age: int | None = None,
) -> SuitabilityResult:
    """May the profile's owner buy a product of ``product_risk_level``? With the reason in
    ``locale``, and the warning to acknowledge when the answer is NEEDS_ACKNOWLEDGEMENT."""
    locale = locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE
    level = RiskLevel(product_risk_level)
    decision, code = decide(profile, level, qualified_investors_only, age)
    values = _text_values(profile, level, locale)
    reason = Reason(code, REASONS[locale][code.value].format(**values))
    warning = None
    if decision is Decision.NEEDS_ACKNOWLEDGEMENT:
        text = WARNINGS[locale][code.value].format(**values)
        if code is ReasonCode.ABOVE_CATEGORY and _elderly(profile, age) and level.rank >= ELDERLY_WARNING_FROM.rank:
            text += WARNINGS[locale]["elderly_note"]
        warning = Warning(warning_id(profile.assessment_id, level, code), text)
    return SuitabilityResult(decision, reason, warning)


def verify_acknowledgement(
    *,
    profile: RiskProfile,
    product_risk_level: RiskLevel,
    qualified_investors_only: bool | Qualification = False,
    acknowledged_warning_id: str | None,
    locale: str = DEFAULT_LOCALE,
    field: str = "acknowledgedWarningId",
    age: int | None = None,
) -> SuitabilityResult:
    """For an order: the suitability result if the user may buy now, else a ``DomainError``
    (FORBIDDEN, or a warning that was not acknowledged: a missing or stale warning id, e.g.
    from an assessment that has since been replaced)."""
    result = check(
        profile=profile,
        product_risk_level=product_risk_level,
        qualified_investors_only=qualified_investors_only,
        locale=locale,
        age=age,
    )
    if result.decision is Decision.FORBIDDEN:
        raise DomainError(
            QuestionnaireErrorCode.SUITABILITY_FORBIDDEN, _reason_text(profile, product_risk_level, result)
        )
    if result.decision is Decision.NEEDS_ACKNOWLEDGEMENT and acknowledged_warning_id != result.warning.id:
        raise DomainError(
            QuestionnaireErrorCode.ACKNOWLEDGEMENT_REQUIRED,
            _reason_text(profile, product_risk_level, result),
            field,
        )
    return result


def _reason_text(profile: RiskProfile, product_risk_level: RiskLevel, result: SuitabilityResult) -> Text:
    """The reason of ``result`` in both languages (for a refusal)."""
    level, code = RiskLevel(product_risk_level), result.reason.code.value
    en, zh = (REASONS[locale][code].format(**_text_values(profile, level, locale)) for locale in ("en", "zh-CN"))
    return Text(en, zh)


def _text_values(profile: RiskProfile, level: RiskLevel, locale: str) -> dict[str, str]:
    category = profile.risk_category
    return {
        "level": level.value,
        "level_name": level_name(level, locale),
        "category": category.value if category else "",
        "category_name": category_name(category, locale) if category else "",
        "top_level": RiskLevel.from_rank(category.rank).value if category else "",
        "expired_on": profile.expires_at.astimezone(PLATFORM_ZONE).date().isoformat() if profile.expires_at else "",
    }
