"""Suitability: the full C1..C5 x R1..R5 table, lowest-category and elderly users, missing
and expired assessments, qualified-investor products, and the acknowledged warning an order
records."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.errors import DomainError
from core.risk import RiskCategory, RiskLevel
from questionnaire.errors import QuestionnaireErrorCode
from questionnaire.profiles import ProfileStatus, RiskProfile
from questionnaire.scoring import RiskFlag
from questionnaire.suitability import Decision, ReasonCode, check, verify_acknowledgement

A, N, F = Decision.ALLOWED, Decision.NEEDS_ACKNOWLEDGEMENT, Decision.FORBIDDEN

# Rows: the user's category; columns: R1..R5.
TABLE = {
    "C1": [A, N, N, N, N],
    "C2": [A, A, N, N, N],
    "C3": [A, A, A, N, N],
    "C4": [A, A, A, A, N],
    "C5": [A, A, A, A, A],
    "C1 lowest": [A, F, F, F, F],
    "C1 elderly": [A, N, N, N, N],
    "C3 elderly": [A, A, A, N, N],
    "C5 elderly": [A, A, A, N, N],
    "missing": [A, F, F, F, F],
    "expired": [A, F, F, F, F],
}


def profile(
    kind: str = "C3", *, assessment_id: int = 41, qualified: bool = False, status=ProfileStatus.CURRENT
) -> RiskProfile:
    if kind == "missing":
        return RiskProfile(user_id=7, status=ProfileStatus.MISSING)
    if kind == "expired":
        kind, status = "C5", ProfileStatus.EXPIRED
    category, *marks = kind.split()
    return RiskProfile(
        user_id=7,
        status=status,
        assessment_id=assessment_id,
        risk_category=RiskCategory(category),
        lowest_category="lowest" in marks,
        flags=frozenset({RiskFlag.ELDERLY}) if "elderly" in marks else frozenset(),
        qualified_investor=qualified,
        horizon_months=36,
        expires_at=datetime(2027, 11, 26, 2, 0, tzinfo=UTC),
    )


CASES = [(kind, level) for kind in TABLE for level in RiskLevel]


@pytest.mark.parametrize(("kind", "level"), CASES, ids=[f"{k}-{lv}" for k, lv in CASES])
def test_suitability_table(kind, level):
    result = check(profile=profile(kind), product_risk_level=level, locale="en")
    assert result.decision is TABLE[kind][level.rank - 1]
    assert result.reason.text
    assert (result.warning is not None) is (result.decision is Decision.NEEDS_ACKNOWLEDGEMENT)


@pytest.mark.parametrize(
    ("kind", "level", "reason"),
    [
        ("C2", RiskLevel.R2, ReasonCode.WITHIN_CATEGORY),
        ("C2", RiskLevel.R3, ReasonCode.ABOVE_CATEGORY),
        ("C1 lowest", RiskLevel.R2, ReasonCode.LOWEST_CATEGORY),
        ("C5 elderly", RiskLevel.R4, ReasonCode.ELDERLY_HIGH_RISK),
        ("missing", RiskLevel.R1, ReasonCode.LOWEST_RISK_LEVEL),
        ("missing", RiskLevel.R2, ReasonCode.ASSESSMENT_MISSING),
        ("expired", RiskLevel.R3, ReasonCode.ASSESSMENT_EXPIRED),
    ],
)
def test_each_decision_says_why(kind, level, reason):
    assert check(profile=profile(kind), product_risk_level=level).reason.code is reason


def test_an_elderly_user_above_their_category_gets_the_extra_elderly_note():
    plain = check(profile=profile("C2"), product_risk_level=RiskLevel.R4, locale="en").warning.text
    elderly = check(profile=profile("C2 elderly"), product_risk_level=RiskLevel.R4, locale="en").warning.text
    assert "65 or older" in elderly and "65 or older" not in plain


def test_an_expiring_assessment_still_counts():
    result = check(profile=profile("C3", status=ProfileStatus.EXPIRING), product_risk_level=RiskLevel.R3)
    assert result.decision is Decision.ALLOWED


@pytest.mark.parametrize("kind", ["C5", "C3", "missing", "expired"])
def test_qualified_investor_products_need_a_qualified_investor_with_a_valid_assessment(kind):
    unqualified = check(profile=profile(kind), product_risk_level=RiskLevel.R1, qualified_investors_only=True)
    assert unqualified.decision is Decision.FORBIDDEN
    if kind in ("C5", "C3"):
        assert unqualified.reason.code is ReasonCode.NOT_QUALIFIED_INVESTOR
        qualified = check(
            profile=profile(kind, qualified=True), product_risk_level=RiskLevel.R3, qualified_investors_only=True
        )
        assert qualified.decision is Decision.ALLOWED


def test_reasons_and_warnings_come_in_the_requested_locale():
    zh = check(profile=profile("C2"), product_risk_level=RiskLevel.R4, locale="zh-CN")
    en = check(profile=profile("C2"), product_risk_level=RiskLevel.R4, locale="en")
    assert "风险提示" in zh.warning.text and "Risk warning" in en.warning.text
    assert zh.warning.id == en.warning.id


def test_the_warning_id_is_deterministic_for_assessment_level_and_reason():
    first = check(profile=profile("C2"), product_risk_level=RiskLevel.R4).warning.id
    assert check(profile=profile("C2"), product_risk_level=RiskLevel.R4).warning.id == first
    assert check(profile=profile("C2"), product_risk_level=RiskLevel.R5).warning.id != first
    assert check(profile=profile("C2", assessment_id=42), product_risk_level=RiskLevel.R4).warning.id != first
    # Same assessment and level, another reason: another warning.
    assert check(profile=profile("C5 elderly"), product_risk_level=RiskLevel.R4).warning.id != first


def test_an_order_passes_only_with_the_warning_it_was_shown():
    user = profile("C2")
    shown = check(profile=user, product_risk_level=RiskLevel.R4).warning.id

    accepted = verify_acknowledgement(profile=user, product_risk_level=RiskLevel.R4, acknowledged_warning_id=shown)
    assert accepted.decision is Decision.NEEDS_ACKNOWLEDGEMENT

    for wrong in (None, "RW-41-R5-ABOVE_CATEGORY"):
        with pytest.raises(DomainError) as refused:
            verify_acknowledgement(profile=user, product_risk_level=RiskLevel.R4, acknowledged_warning_id=wrong)
        assert refused.value.code is QuestionnaireErrorCode.ACKNOWLEDGEMENT_REQUIRED
        assert refused.value.field == "acknowledgedWarningId"

    # A new assessment makes the old warning stale.
    with pytest.raises(DomainError):
        verify_acknowledgement(
            profile=profile("C2", assessment_id=99), product_risk_level=RiskLevel.R4, acknowledged_warning_id=shown
        )


def test_no_acknowledgement_unlocks_a_forbidden_product():
    with pytest.raises(DomainError) as refused:
        verify_acknowledgement(
            profile=profile("C1 lowest"),
            product_risk_level=RiskLevel.R2,
            acknowledged_warning_id="RW-41-R2-ABOVE_CATEGORY",
        )
    assert refused.value.code is QuestionnaireErrorCode.SUITABILITY_FORBIDDEN
    allowed = verify_acknowledgement(
        profile=profile("C3"), product_risk_level=RiskLevel.R2, acknowledged_warning_id=None
    )
    assert allowed.decision is Decision.ALLOWED
