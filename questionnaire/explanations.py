"""The short plain explanation of an assessment, in the requested locale: which answers set
the category, and what would change it."""

from __future__ import annotations

from core.risk import RiskCategory, RiskLevel
from questionnaire.answers import Answer, Answers
from questionnaire.definition import Question, Questionnaire, Section
from questionnaire.scoring import RiskFlag, Scoring
from questionnaire.texts import (
    DIMENSIONS,
    EXPLANATION,
    LIST_SEPARATOR,
    SENTENCE_SEPARATOR,
    category_name,
    level_name,
    number_text,
)

HELD_DOWN_ANSWERS = 2  # how many of the most limiting answers to name


def answer_text(question: Question, answer: Answer, locale: str) -> str:
    """An answer as the user saw it: the option texts, or the number with its unit."""
    if question.is_choice:
        return LIST_SEPARATOR[locale].join(question.option(o).text[locale] for o in answer.option_ids)
    return number_text(answer.value, question.unit, locale)


def explain(questionnaire: Questionnaire, answers: Answers, scoring: Scoring, locale: str) -> str:
    texts = EXPLANATION[locale]
    if scoring.lowest_category:
        question = questionnaire.question(scoring.no_loss_question_id)
        parts = [
            texts["lowest"].format(
                category_name=category_name(RiskCategory.C1, locale),
                answer=answer_text(question, answers[question.id], locale),
                question=question.label[locale],
                level_name=level_name(RiskLevel.R1, locale),
            )
        ]
    else:
        parts = _category_parts(questionnaire, answers, scoring, locale)
    if scoring.broken_rules:
        rules = LIST_SEPARATOR[locale].join(rule.text[locale] for rule in scoring.broken_rules)
        parts.append(texts["inconsistent"].format(rules=rules, penalty=scoring.penalty))
    if RiskFlag.ELDERLY in scoring.flags:
        parts.append(texts["elderly"])
    if scoring.qualified_investor:
        parts.append(texts["qualified"])
    return SENTENCE_SEPARATOR[locale].join(parts)


def _category_parts(questionnaire: Questionnaire, answers: Answers, scoring: Scoring, locale: str) -> list[str]:
    texts = EXPLANATION[locale]
    category = scoring.risk_category
    parts = [
        texts["category"].format(category=category, category_name=category_name(category, locale)),
        texts["scores"].format(
            capacity=scoring.capacity_score,
            capacity_category=scoring.capacity_category,
            willingness=scoring.willingness_score,
            willingness_category=scoring.willingness_category,
        ),
    ]
    section_scores = {
        Section.CAPACITY: (scoring.capacity_category, scoring.capacity_score),
        Section.WILLINGNESS: (scoring.willingness_category, scoring.willingness_score),
    }
    for section, (section_category, _) in section_scores.items():
        if section_category is category:
            held = _most_limiting(questionnaire, answers, scoring, section, locale)
            if held:
                parts.append(texts["held_down"].format(dimension=DIMENSIONS[locale][section], answers=held))
    if category is RiskCategory.C5:
        parts.append(texts["top"].format(category=category))
        return parts
    next_category = RiskCategory.from_rank(category.rank + 1)
    minimum = questionnaire.band_of(next_category).min
    needs = [
        texts["need"].format(dimension=DIMENSIONS[locale][section], minimum=minimum, score=section_score)
        for section, (_, section_score) in section_scores.items()
        if section_score < minimum
    ]
    parts.append(texts["next"].format(next_category=next_category, needs=texts["and"].join(needs)))
    return parts


def _most_limiting(
    questionnaire: Questionnaire, answers: Answers, scoring: Scoring, section: Section, locale: str
) -> str:
    scores = [s for s in scoring.question_scores if s.section is section and s.shortfall > 0]
    scores.sort(key=lambda s: -s.shortfall)  # stable: ties keep questionnaire order
    named = []
    for question_score in scores[:HELD_DOWN_ANSWERS]:
        question = questionnaire.question(question_score.question_id)
        answer = answer_text(question, answers[question.id], locale)
        named.append(
            f"{question.label[locale]} ({answer})" if locale == "en" else f"{question.label[locale]}（{answer}）"
        )
    return LIST_SEPARATOR[locale].join(named)
