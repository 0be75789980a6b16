"""Scoring: the band mapping, category = the lower of capacity and willingness, the
lowest-category rule, the consistency rule, the ELDERLY flag, the qualified-investor test and
the explanation; and the property that answering more conservatively never raises the
category (among consistent answer sets)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core.qualified import is_qualified_investor
from core.risk import RiskCategory
from demo.questionnaire import answer_inputs
from questionnaire.answers import check_answers
from questionnaire.definition import QuestionKind
from questionnaire.explanations import explain
from questionnaire.scoring import RiskFlag
from tests.questionnaire.helpers import MODERATE, extreme_answers, offered, score_answers, with_answers

# The issue's default bands: C1 0-19, C2 20-39, C3 40-59, C4 60-79, C5 80-100.
ISSUE_BANDS = {
    RiskCategory.C1: (0, 19),
    RiskCategory.C2: (20, 39),
    RiskCategory.C3: (40, 59),
    RiskCategory.C4: (60, 79),
    RiskCategory.C5: (80, 100),
}


@pytest.mark.parametrize("score", range(0, 101))
def test_every_score_maps_to_the_band_it_falls_in(score):
    category = offered().category_for(score)
    low, high = ISSUE_BANDS[category]
    assert low <= score <= high


def test_category_is_the_lower_of_capacity_and_willingness():
    questionnaire = offered()
    rich_but_timid = {
        **extreme_answers(questionnaire, "CAPACITY", True),
        **extreme_answers(questionnaire, "WILLINGNESS", False),
    }
    bold_but_stretched = {
        **extreme_answers(questionnaire, "CAPACITY", False),
        **extreme_answers(questionnaire, "WILLINGNESS", True),
    }

    timid = score_answers(rich_but_timid)
    assert (timid.capacity_category, timid.willingness_category) == (RiskCategory.C5, RiskCategory.C1)
    assert timid.risk_category is RiskCategory.C1 and not timid.lowest_category

    stretched = score_answers(bold_but_stretched)
    assert (stretched.capacity_category, stretched.willingness_category) == (RiskCategory.C1, RiskCategory.C5)
    assert stretched.risk_category is RiskCategory.C1

    moderate = score_answers(MODERATE)
    assert moderate.capacity_category.rank > moderate.willingness_category.rank
    assert moderate.risk_category is moderate.willingness_category


def test_accepting_no_loss_at_all_makes_the_user_lowest_category_whatever_else_they_answer():
    questionnaire = offered()
    boldest = {
        **extreme_answers(questionnaire, "CAPACITY", True),
        **extreme_answers(questionnaire, "WILLINGNESS", True),
    }
    assert score_answers(boldest).risk_category is RiskCategory.C5

    result = score_answers({**boldest, "w_max_loss": "no_loss"})
    assert result.lowest_category
    assert result.risk_category is RiskCategory.C1


def test_contradictory_answers_lower_willingness_and_are_flagged():
    consistent = score_answers(with_answers(w_fall_20="sell_some", w_max_loss="up_to_30"))
    assert RiskFlag.INCONSISTENT_ANSWERS not in consistent.flags

    contradictory = score_answers(with_answers(w_fall_20="sell_all", w_max_loss="up_to_30"))
    assert RiskFlag.INCONSISTENT_ANSWERS in contradictory.flags
    [rule] = contradictory.broken_rules
    assert contradictory.willingness_score == contradictory.willingness_before_penalty - rule.penalty
    # Selling everything is one point more cautious than selling some, but the contradiction
    # costs more than that point.
    assert contradictory.willingness_score < consistent.willingness_score - 1


def test_no_loss_together_with_a_gamble_is_both_lowest_and_inconsistent():
    result = score_answers(with_answers(w_max_loss="no_loss", w_sure_gain="gamble"))
    assert result.lowest_category and result.risk_category is RiskCategory.C1
    assert RiskFlag.INCONSISTENT_ANSWERS in result.flags


@pytest.mark.parametrize(("age", "elderly"), [("64", False), ("65", True), ("80", True)])
def test_age_65_or_over_sets_the_elderly_flag(age, elderly):
    assert (RiskFlag.ELDERLY in score_answers(with_answers(age=age)).flags) is elderly


@pytest.mark.parametrize(
    ("experience", "assets", "debts", "income", "qualified"),
    [
        (2, "5000000", "4000000", "0", True),  # financial assets >= 5m
        (2, "4999999.99", "2000000", "0", False),  # net 2,999,999.99, assets under 5m
        (2, "3000000", "0", "0", True),  # financial net assets >= 3m
        (2, "0", "0", "400000", True),  # 3-year average income >= 400k
        (2, "0", "0", "399999.99", False),
        (1, "50000000", "0", "1000000", False),  # under 2 years of experience
    ],
)
def test_qualified_investor_test_of_the_2018_rules(experience, assets, debts, income, qualified):
    assert (
        is_qualified_investor(
            experience_years=experience,
            financial_assets=Decimal(assets),
            debts=Decimal(debts),
            average_income_3y=Decimal(income),
        )
        is qualified
    )


def test_scoring_keeps_the_facts_the_advisor_needs():
    result = score_answers(
        with_answers(horizon="y5_10", liquidity_need="75000", financial_assets="5000000", experience_years="3")
    )
    assert result.facts.horizon_months == 60
    assert result.facts.liquidity_need == Decimal("75000")
    assert result.qualified_investor


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
def test_the_explanation_names_the_deciding_answers_and_what_would_change_the_category(locale):
    questionnaire = offered()
    answers = check_answers(questionnaire, answer_inputs(questionnaire, MODERATE))
    result = score_answers(MODERATE)
    text = explain(questionnaire, answers, result, locale)
    assert result.risk_category is RiskCategory.C3
    assert "C3" in text and "C4" in text and str(result.willingness_score) in text
    weakest = min((s for s in result.question_scores if s.section == "WILLINGNESS"), key=lambda s: s.points - s.most)
    assert questionnaire.question(weakest.question_id).label[locale] in text


def test_the_lowest_category_explanation_quotes_the_no_loss_answer_in_the_locale():
    questionnaire = offered()
    answers_map = with_answers(w_max_loss="no_loss")
    answers = check_answers(questionnaire, answer_inputs(questionnaire, answers_map))
    result = score_answers(answers_map)
    assert "I accept no loss at all" in explain(questionnaire, answers, result, "en")
    assert "我不能接受任何亏损" in explain(questionnaire, answers, result, "zh-CN")


# --- properties ---------------------------------------------------------------------------

# Numbers that mean "less room for risk" when they go up; every other number, down.
RISKIER_WHEN_HIGHER = {"age", "debts", "liquidity_need"}
NUMBER_CAP = 30_000_000  # keeps random amounts realistic; bands end well below it


def _number_values(question):
    low, high = int(question.min), min(int(question.max), NUMBER_CAP)
    edges = [int(b.start) + d for b in question.bands for d in (-1, 0, 1) if not question.ratio_to]
    edges = [v for v in edges if low <= v <= high]
    return st.one_of(st.integers(low, high), st.sampled_from(edges or [low]))


def _answer_strategy(question):
    ids = [o.id for o in question.options]
    if question.kind is QuestionKind.SINGLE_CHOICE:
        return st.sampled_from(ids)
    if question.kind is QuestionKind.MULTIPLE_CHOICE:
        exclusive = [o.id for o in question.options if o.exclusive]
        others = [o.id for o in question.options if not o.exclusive]
        return st.one_of(st.just(exclusive), st.lists(st.sampled_from(others), min_size=1, unique=True))
    return _number_values(question)


def _more_cautious(draw, question, answer):
    ids = [o.id for o in question.options]
    if question.kind is QuestionKind.SINGLE_CHOICE:  # options run from cautious to bold
        return draw(st.sampled_from(ids[: ids.index(answer) + 1]))
    if question.kind is QuestionKind.MULTIPLE_CHOICE:  # held fewer kinds of product
        exclusive = [o.id for o in question.options if o.exclusive]
        if answer == exclusive:
            return answer
        return draw(st.one_of(st.just(exclusive), st.lists(st.sampled_from(answer), min_size=1, unique=True)))
    high = min(int(question.max), NUMBER_CAP)
    if question.id in RISKIER_WHEN_HIGHER:
        return draw(st.integers(answer, max(answer, high)))
    return draw(st.integers(int(question.min), answer))


@st.composite
def bolder_and_more_cautious(draw):
    questionnaire = offered()
    bolder = {q.id: draw(_answer_strategy(q)) for q in questionnaire.questions}
    cautious = {q.id: _more_cautious(draw, q, bolder[q.id]) for q in questionnaire.questions}

    def as_text(answers):
        return {k: str(v) if isinstance(v, int) else v for k, v in answers.items()}

    return as_text(bolder), as_text(cautious)


@settings(max_examples=300, deadline=None)
@given(bolder_and_more_cautious())
def test_answering_more_conservatively_never_raises_the_category(pair):
    bolder, cautious = (score_answers(answers) for answers in pair)
    assume(not bolder.broken_rules and not cautious.broken_rules)
    assert cautious.capacity_score <= bolder.capacity_score
    assert cautious.willingness_score <= bolder.willingness_score
    assert cautious.risk_category.rank <= bolder.risk_category.rank


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({q.id: _answer_strategy(q) for q in offered().questions}))
def test_any_answer_set_scores_within_0_to_100_and_never_above_either_dimension(raw):
    result = score_answers({k: str(v) if isinstance(v, int) else v for k, v in raw.items()})
    assert 0 <= result.capacity_score <= 100 and 0 <= result.willingness_score <= 100
    assert result.risk_category.rank <= min(result.capacity_category.rank, result.willingness_category.rank)
    assert result.risk_category is RiskCategory.C1 or not result.lowest_category


def test_a_retired_version_still_scores_its_old_answers_for_audit():
    from questionnaire.registry import registry

    retired = next(q for q in registry().by_id.values() if not q.offered)
    old_answers = {k: v for k, v in MODERATE.items() if retired.question(k) is not None}
    # The new version did not reclassify a typical saver.
    assert score_answers(old_answers, retired).risk_category is score_answers(MODERATE).risk_category
    assert score_answers({**old_answers, "w_max_loss": "no_loss"}, retired).lowest_category
