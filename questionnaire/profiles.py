"""A user's risk profile: the facts of their current assessment and its status.

An assessment is valid for 12 months from when it was answered: ``CURRENT``, then
``EXPIRING`` in its last 30 days, then ``EXPIRED``; without any assessment the status is
``MISSING``. Only a ``CURRENT`` or ``EXPIRING`` profile lets a user go above R1.
``current_profile`` always answers a ``RiskProfile`` (status ``MISSING`` when there is none).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.risk import Qualification, RiskCategory, RiskLevel
from questionnaire.models import RiskAssessment
from questionnaire.scoring import RiskFlag

VALIDITY_MONTHS = 12
EXPIRING_WITHIN = timedelta(days=30)


class ProfileStatus(StrEnum):
    CURRENT = "CURRENT"
    EXPIRING = "EXPIRING"  # valid, under 30 days left: ask the user to answer again
    EXPIRED = "EXPIRED"
    MISSING = "MISSING"  # never assessed
    SUPERSEDED = "SUPERSEDED"  # an older assessment in the history (never a profile's status)


@dataclass(frozen=True, slots=True)
class RiskProfile:
    """What other parts need to know about a user's risk; fields other than ``status`` are
    None/False when the status is ``MISSING``. An ``EXPIRED`` profile keeps the facts of the
    last assessment, but grants nothing above R1."""

    user_id: int
    status: ProfileStatus
    assessment_id: int | None = None
    risk_category: RiskCategory | None = None
    lowest_category: bool = False
    flags: frozenset[RiskFlag] = frozenset()
    qualified_investor: bool = False
    private_fund_qualified: bool = False
    age: int | None = None  # as answered; an order uses the verified identity's age when there is one
    horizon_months: int | None = None
    liquidity_need: Decimal | None = None
    capacity_score: int | None = None
    willingness_score: int | None = None
    assessed_at: datetime | None = None
    expires_at: datetime | None = None

    @property
    def is_valid(self) -> bool:
        return self.status in (ProfileStatus.CURRENT, ProfileStatus.EXPIRING)

    @property
    def elderly(self) -> bool:
        return RiskFlag.ELDERLY in self.flags

    @property
    def recommendable_up_to(self) -> RiskLevel:
        """The highest product level that may be recommended (R1 without a valid profile or
        for a lowest-category user; else the level matching the category)."""
        if not self.is_valid or self.lowest_category or self.risk_category is None:
            return RiskLevel.R1
        return RiskLevel.from_rank(self.risk_category.rank)


def add_months(moment: datetime, months: int) -> datetime:
    """The same local time ``months`` later (the 31st becomes the month's last day)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def expiry_of(assessed_at: datetime, clock: Clock) -> datetime:
    """12 months after ``assessed_at``, counted in the platform's zone."""
    local = assessed_at.astimezone(clock.zone)
    return add_months(local, VALIDITY_MONTHS).astimezone(assessed_at.tzinfo)


def status_at(expires_at: datetime, now: datetime) -> ProfileStatus:
    if now >= expires_at:
        return ProfileStatus.EXPIRED
    if expires_at - now < EXPIRING_WITHIN:
        return ProfileStatus.EXPIRING
    return ProfileStatus.CURRENT


def assessment_status(assessment: RiskAssessment, now: datetime) -> ProfileStatus:
    if assessment.superseded_at is not None:
        return ProfileStatus.SUPERSEDED
    return status_at(assessment.expires_at, now)


def profile_of(assessment: RiskAssessment, now: datetime) -> RiskProfile:
    return RiskProfile(
        user_id=assessment.user_id,
        status=status_at(assessment.expires_at, now),
        assessment_id=assessment.id,
        risk_category=RiskCategory(assessment.risk_category),
        lowest_category=assessment.lowest_category,
        flags=frozenset(RiskFlag(flag) for flag in assessment.flags),
        qualified_investor=assessment.qualified_investor,
        private_fund_qualified=assessment.qualified_private_fund,
        age=assessment.age,
        horizon_months=assessment.horizon_months,
        liquidity_need=assessment.liquidity_need,
        capacity_score=assessment.capacity_score,
        willingness_score=assessment.willingness_score,
        assessed_at=assessment.assessed_at,
        expires_at=assessment.expires_at,
    )


def current_assessment(*, session: Session, user_id: int) -> RiskAssessment | None:
    return session.scalar(
        select(RiskAssessment).where(RiskAssessment.user_id == user_id, RiskAssessment.superseded_at.is_(None))
    )


def current_profile(*, session: Session, user_id: int, clock: Clock) -> RiskProfile:
    """The user's profile now (status ``MISSING`` when they never answered)."""
    assessment = current_assessment(session=session, user_id=user_id)
    if assessment is None:
        return RiskProfile(user_id=user_id, status=ProfileStatus.MISSING)
    return profile_of(assessment, clock.now())


def qualifications(*, session: Session, user_id: int | None, clock: Clock) -> frozenset[Qualification]:
    """The qualified-investor tests the user passes now, as their current assessment says
    (资管新规 for qualified-only products, the private-fund test for ABS units); an expired
    assessment no longer counts, and nobody (``user_id`` None) passes any."""
    if user_id is None:
        return frozenset()
    profile = current_profile(session=session, user_id=user_id, clock=clock)
    if not profile.is_valid:
        return frozenset()
    return frozenset(
        test
        for test, passed in (
            (Qualification.ASSET_MANAGEMENT, profile.qualified_investor),
            (Qualification.PRIVATE_FUND, profile.private_fund_qualified),
        )
        if passed
    )


@dataclass(frozen=True, slots=True)
class Expiry:
    """A user's current assessment and when it expires."""

    assessment_id: int
    user_id: int
    assessed_at: datetime
    expires_at: datetime


def expiring_between(session: Session, *, after: datetime, before: datetime) -> list[Expiry]:
    """The current (not superseded) assessments that expire after ``after`` and before
    ``before``, soonest first (reminders to answer the questionnaire again)."""
    rows = session.execute(
        select(RiskAssessment.id, RiskAssessment.user_id, RiskAssessment.assessed_at, RiskAssessment.expires_at)
        .where(
            RiskAssessment.superseded_at.is_(None),
            RiskAssessment.expires_at > after,
            RiskAssessment.expires_at < before,
        )
        .order_by(RiskAssessment.expires_at, RiskAssessment.id)
    )
    return [Expiry(*row) for row in rows]
