"""Demo risk assessments: each demo customer answers the offered questionnaire with a
realistic set of answers, scored by the real scoring (never by writing a category):

- alice: a 67-year-old retiree, C1 (not lowest: she accepts a small loss), ELDERLY;
- bob: a young employee saving for a flat within three years, C2;
- carol: a mid-career professional with a mortgage, C3;
- dave: an experienced investor with a long horizon, C4;
- erin: a business owner with 6 million in financial assets, C5 and a qualified investor.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.clock import Clock
from core.settings import Settings
from questionnaire import service
from questionnaire.answers import AnswerInput
from questionnaire.definition import QuestionKind, Questionnaire
from questionnaire.models import RiskAssessment
from questionnaire.registry import registry

DEMO_ANSWERS: dict[str, dict[str, object]] = {
    "alice@example.com": {
        "age": "67",
        "annual_income": "48000",
        "average_income_3y": "52000",
        "financial_assets": "420000",
        "net_assets": "1800000",
        "debts": "0",
        "horizon": "y1_3",
        "liquidity_need": "150000",
        "experience_years": "3",
        "products_held": ["deposits", "bonds"],
        "w_compare": "far_less",
        "w_sure_gain": "sure",
        "w_sure_loss": "sure",
        "w_fall_20": "sell_some",
        "w_tradeoff": "loss_3k_gain_8k",
        "w_max_loss": "up_to_5",
        "w_job": "fixed",
        "w_windfall": "deposit",
        "w_risk_word": "loss",
        "w_game_show": "cash_1k",
    },
    "bob@example.com": {
        "age": "27",
        "annual_income": "180000",
        "average_income_3y": "150000",
        "financial_assets": "260000",
        "net_assets": "260000",
        "debts": "20000",
        "horizon": "y1_3",
        "liquidity_need": "120000",
        "experience_years": "1",
        "products_held": ["deposits"],
        "w_compare": "less",
        "w_sure_gain": "sure",
        "w_sure_loss": "gamble",
        "w_fall_20": "sell_some",
        "w_tradeoff": "loss_3k_gain_8k",
        "w_max_loss": "up_to_5",
        "w_job": "small_bonus",
        "w_windfall": "bonds",
        "w_risk_word": "uncertainty",
        "w_game_show": "p50_5k",
    },
    "carol@example.com": {
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
    },
    "dave@example.com": {
        "age": "44",
        "annual_income": "380000",
        "average_income_3y": "350000",
        "financial_assets": "1600000",
        "net_assets": "4200000",
        "debts": "600000",
        "horizon": "y5_10",
        "liquidity_need": "50000",
        "experience_years": "8",
        "products_held": ["deposits", "bonds", "equities"],
        "w_compare": "more",
        "w_sure_gain": "gamble",
        "w_sure_loss": "gamble",
        "w_fall_20": "hold",
        "w_tradeoff": "loss_20k_gain_30k",
        "w_max_loss": "up_to_30",
        "w_job": "half",
        "w_windfall": "stocks",
        "w_risk_word": "opportunity",
        "w_game_show": "p50_5k",
    },
    "erin@example.com": {
        "age": "41",
        "annual_income": "1500000",
        "average_income_3y": "1200000",
        "financial_assets": "6000000",
        "net_assets": "15000000",
        "debts": "1000000",
        "horizon": "over_10y",
        "liquidity_need": "200000",
        "experience_years": "15",
        "products_held": ["bonds", "equities", "private"],
        "w_compare": "far_more",
        "w_sure_gain": "gamble",
        "w_sure_loss": "gamble",
        "w_fall_20": "buy_more",
        "w_tradeoff": "loss_35k_gain_50k",
        "w_max_loss": "over_30",
        "w_job": "results",
        "w_windfall": "venture",
        "w_risk_word": "opportunity",
        "w_game_show": "p5_100k",
    },
}


def answer_inputs(questionnaire: Questionnaire, answers: dict[str, object]) -> list[AnswerInput]:
    """A compact ``{question id: answer}`` mapping as the answers a client would send."""
    inputs = []
    for question_id, answer in answers.items():
        kind = questionnaire.question(question_id).kind
        if kind is QuestionKind.SINGLE_CHOICE:
            inputs.append(AnswerInput(question_id, option_id=answer))
        elif kind is QuestionKind.MULTIPLE_CHOICE:
            inputs.append(AnswerInput(question_id, option_ids=list(answer)))
        else:
            inputs.append(AnswerInput(question_id, value=answer))
    return inputs


def seed(*, session: Session, clock: Clock, settings: Settings, seeded: dict) -> dict[str, RiskAssessment]:
    """Submit each demo customer's answers; returns the assessments by email."""
    questionnaire = registry().offered
    users = seeded["users"]
    return {
        email: service.submit_assessment(
            session=session,
            clock=clock,
            user_id=users[email].id,
            questionnaire_id=questionnaire.id,
            answers=answer_inputs(questionnaire, answers),
        )
        for email, answers in DEMO_ANSWERS.items()
        if email in users
    }
