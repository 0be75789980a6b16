"""Answer sets and small helpers shared by the questionnaire tests."""

from __future__ import annotations

from demo.questionnaire import answer_inputs
from questionnaire.answers import check_answers
from questionnaire.definition import QuestionKind, Questionnaire
from questionnaire.registry import registry
from questionnaire.scoring import Scoring, score

# A mid-career saver with moderate answers everywhere (no contradictions, under 65).
MODERATE: dict[str, object] = {
    "age": "38",
    "annual_income": "260000",
    "average_income_3y": "240000",
    "financial_assets": "800000",
    "net_assets": "2600000",
    "debts": "900000",
    "horizon": "y3_5",
    "liquidity_need": "60000",
    "experience_years": "6",
    "products_held": ["deposits", "bonds", "equities"],
    "w_compare": "same",
    "w_sure_gain": "sure",
    "w_sure_loss": "gamble",
    "w_fall_20": "hold",
    "w_tradeoff": "loss_10k_gain_18k",
    "w_max_loss": "up_to_15",
    "w_job": "half",
    "w_windfall": "mix",
    "w_risk_word": "uncertainty",
    "w_game_show": "p50_5k",
}


def offered() -> Questionnaire:
    return registry().offered


def with_answers(**changes: object) -> dict[str, object]:
    return {**MODERATE, **changes}


def score_answers(answers: dict[str, object], questionnaire: Questionnaire | None = None) -> Scoring:
    questionnaire = questionnaire or offered()
    return score(questionnaire, check_answers(questionnaire, answer_inputs(questionnaire, answers)))


def extreme_answers(questionnaire: Questionnaire, section: str, boldest: bool) -> dict[str, object]:
    """Every question of ``section`` answered for the most (or the fewest) points, never
    with the "no loss at all" option."""
    pick = max if boldest else min
    answers: dict[str, object] = {}
    for question in questionnaire.questions:
        if question.section != section:
            continue
        if question.kind is QuestionKind.NUMBER:
            if question.ratio_to:  # ratio-scored (debts, liquidity need): nothing is the best
                answers[question.id] = "0" if boldest else str(question.max)
            elif question.bands:
                answers[question.id] = str(pick(question.bands, key=lambda band: band.points).start)
            else:
                answers[question.id] = str(question.min)
        else:
            option = pick((o for o in question.options if not o.no_loss), key=lambda o: o.points)
            answers[question.id] = [option.id] if question.kind is QuestionKind.MULTIPLE_CHOICE else option.id
    return answers


def graphql_answers(answers: dict[str, object], questionnaire: Questionnaire | None = None) -> list[dict]:
    """The ``answers`` input of ``submitRiskAssessment`` for an answer mapping."""
    questionnaire = questionnaire or offered()
    result = []
    for question_id, answer in answers.items():
        kind = questionnaire.question(question_id).kind
        key = {"SINGLE_CHOICE": "optionId", "MULTIPLE_CHOICE": "optionIds", "NUMBER": "value"}[kind.value]
        result.append({"questionId": question_id, key: answer})
    return result
