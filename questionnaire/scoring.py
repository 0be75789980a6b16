"""Scoring checked answers: a capacity score and a willingness score (0-100 each), the
category of each by the questionnaire's bands, and the category = the lower of the two.

- Each section's score is its points as a share of the points it can earn
  (100 x (earned - least) / (most - least), rounded half-even to a whole number).
- Contradictory answers (the questionnaire's consistency rules) lower willingness by each
  broken rule's penalty and set ``INCONSISTENT_ANSWERS``.
- Choosing "I accept no loss at all" makes the user lowest category: C1, never above R1.
- Age 65 or over sets ``ELDERLY``.

Pure functions: no database, no clock, so an assessment can be re-scored from its stored
answers and version at any time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from core.money import round_half_even
from core.qualified import is_qualified_investor, passes_private_fund_test
from core.risk import RiskCategory
from questionnaire.answers import Answers
from questionnaire.definition import ConsistencyRule, Fact, Question, Questionnaire, Section

ELDERLY_AGE = 65


class RiskFlag(StrEnum):
    ELDERLY = "ELDERLY"  # 65 or over: extra warnings on R4/R5
    INCONSISTENT_ANSWERS = "INCONSISTENT_ANSWERS"  # contradictory answers lowered willingness


@dataclass(frozen=True, slots=True)
class QuestionScore:
    question_id: str
    section: Section
    points: int
    least: int
    most: int

    @property
    def shortfall(self) -> int:
        """Points this answer left on the table."""
        return self.most - self.points


@dataclass(frozen=True, slots=True)
class Facts:
    """The answers other parts need, read by meaning."""

    age: int
    horizon_months: int
    liquidity_need: Decimal
    financial_assets: Decimal
    debts: Decimal
    average_income_3y: Decimal
    experience_years: int

    @property
    def qualified_investor(self) -> bool:
        return is_qualified_investor(
            experience_years=self.experience_years,
            financial_assets=self.financial_assets,
            debts=self.debts,
            average_income_3y=self.average_income_3y,
        )

    @property
    def private_fund_qualified(self) -> bool:
        return passes_private_fund_test(
            financial_assets=self.financial_assets, average_income_3y=self.average_income_3y
        )


@dataclass(frozen=True, slots=True)
class Scoring:
    capacity_score: int
    willingness_score: int
    willingness_before_penalty: int
    capacity_category: RiskCategory
    willingness_category: RiskCategory
    risk_category: RiskCategory
    lowest_category: bool
    no_loss_question_id: str | None
    broken_rules: tuple[ConsistencyRule, ...]
    flags: tuple[RiskFlag, ...]
    facts: Facts
    question_scores: tuple[QuestionScore, ...]

    @property
    def penalty(self) -> int:
        return self.willingness_before_penalty - self.willingness_score

    @property
    def qualified_investor(self) -> bool:
        return self.facts.qualified_investor

    @property
    def private_fund_qualified(self) -> bool:
        return self.facts.private_fund_qualified


def score(questionnaire: Questionnaire, answers: Answers) -> Scoring:
    """Score a complete set of checked answers (see ``answers.check_answers``)."""
    question_scores = tuple(_score_question(q, answers) for q in questionnaire.questions)
    capacity = _section_score(question_scores, Section.CAPACITY)
    before_penalty = _section_score(question_scores, Section.WILLINGNESS)
    broken = tuple(rule for rule in questionnaire.consistency_rules if _is_broken(rule, answers))
    willingness = max(0, before_penalty - sum(rule.penalty for rule in broken))
    capacity_category = questionnaire.category_for(capacity)
    willingness_category = questionnaire.category_for(willingness)
    no_loss = next(
        (
            q.id
            for q in questionnaire.in_section(Section.WILLINGNESS)
            if any(q.option(o).no_loss for o in answers[q.id].option_ids)
        ),
        None,
    )
    category = min(capacity_category, willingness_category, key=lambda c: c.rank)
    if no_loss is not None:
        category = RiskCategory.C1
    facts = _facts(questionnaire, answers)
    flags = []
    if facts.age >= ELDERLY_AGE:
        flags.append(RiskFlag.ELDERLY)
    if broken:
        flags.append(RiskFlag.INCONSISTENT_ANSWERS)
    return Scoring(
        capacity_score=capacity,
        willingness_score=willingness,
        willingness_before_penalty=before_penalty,
        capacity_category=capacity_category,
        willingness_category=willingness_category,
        risk_category=category,
        lowest_category=no_loss is not None,
        no_loss_question_id=no_loss,
        broken_rules=broken,
        flags=tuple(flags),
        facts=facts,
        question_scores=question_scores,
    )


def _score_question(question: Question, answers: Answers) -> QuestionScore:
    answer = answers[question.id]
    least, most = question.points_range()
    if question.is_choice:
        points = max(question.option(o).points for o in answer.option_ids)
    elif question.bands:
        measure = _ratio(answer.value, question, answers) if question.ratio_to else answer.value
        points = _band_points(question, measure)
    else:
        points = 0  # a fact only (e.g. the 3-year average income for the qualified test)
    return QuestionScore(question.id, question.section, points, least, most)


def _ratio(value: Decimal, question: Question, answers: Answers) -> Decimal | None:
    """value / (sum of the ``ratio_to`` answers); None stands for "infinitely large" (a
    positive value over nothing)."""
    denominator = sum((answers[name].value for name in question.ratio_to), Decimal(0))
    if denominator <= 0:
        return Decimal(0) if value == 0 else None
    return value / denominator


def _band_points(question: Question, measure: Decimal | None) -> int:
    if measure is None:
        return question.bands[-1].points
    points = question.bands[0].points
    for band in question.bands:
        if band.start <= measure:
            points = band.points
    return points


def _section_score(scores: tuple[QuestionScore, ...], section: Section) -> int:
    mine = [s for s in scores if s.section is section]
    least = sum(s.least for s in mine)
    most = sum(s.most for s in mine)
    earned = sum(s.points for s in mine)
    return int(round_half_even(Decimal(100 * (earned - least)) / Decimal(most - least), 0))


def _is_broken(rule: ConsistencyRule, answers: Answers) -> bool:
    def chosen(refs) -> bool:
        return any(set(ref.options) & set(answers[ref.question].option_ids) for ref in refs)

    return chosen(rule.cautious) and chosen(rule.bold)


def _facts(questionnaire: Questionnaire, answers: Answers) -> Facts:
    def value(fact: Fact) -> Decimal:
        return answers[questionnaire.fact_question(fact).id].value

    horizon = questionnaire.fact_question(Fact.HORIZON_MONTHS)
    horizon_option = horizon.option(answers[horizon.id].option_ids[0])
    return Facts(
        age=int(value(Fact.AGE)),
        horizon_months=horizon_option.value,
        liquidity_need=value(Fact.LIQUIDITY_NEED),
        financial_assets=value(Fact.FINANCIAL_ASSETS),
        debts=value(Fact.DEBTS),
        average_income_3y=value(Fact.AVERAGE_INCOME_3Y),
        experience_years=int(value(Fact.EXPERIENCE_YEARS)),
    )
