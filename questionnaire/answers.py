"""Checking submitted answers against a questionnaire version, and their stored form.

Each answer gives exactly one of ``option_id`` (single choice), ``option_ids`` (multiple
choice) or ``value`` (number), by the question's kind. Every question must be answered once.
The first problem found is raised as a ``DomainError`` naming the offending input field
(``answers.3.optionId``), so nothing is stored from a bad submission.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.errors import DomainError, Text, t
from core.money import DecimalFormatError, format_decimal, parse_decimal
from questionnaire.definition import Question, QuestionKind, Questionnaire
from questionnaire.errors import QuestionnaireErrorCode as Code

_KIND_FIELDS = {
    QuestionKind.SINGLE_CHOICE: "optionId",
    QuestionKind.MULTIPLE_CHOICE: "optionIds",
    QuestionKind.NUMBER: "value",
}


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """One answer as a client sends it."""

    question_id: str
    option_id: str | None = None
    option_ids: Sequence[str] | None = None
    value: Decimal | int | str | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """A checked answer: ``option_ids`` for choices (one for single choice), else ``value``."""

    question_id: str
    kind: QuestionKind
    option_ids: tuple[str, ...] = ()
    value: Decimal | None = None


Answers = Mapping[str, Answer]


def check_answers(questionnaire: Questionnaire, inputs: Sequence[AnswerInput]) -> dict[str, Answer]:
    """The answers by question id, in questionnaire order; raises on the first bad input."""
    answered: dict[str, Answer] = {}
    for index, given in enumerate(inputs):
        where = f"answers.{index}"
        question = questionnaire.question(given.question_id)
        if question is None:
            raise DomainError(
                Code.UNKNOWN_QUESTION,
                t(f"There is no question {given.question_id!r}.", f"问题 {given.question_id!r} 不存在。"),
                f"{where}.questionId",
            )
        if question.id in answered:
            raise DomainError(
                Code.DUPLICATE_ANSWER,
                t(f"Question {question.id!r} is answered more than once.", f"问题 {question.id!r} 被重复作答。"),
                f"{where}.questionId",
            )
        answered[question.id] = _check_one(question, given, where)
    for question in questionnaire.questions:
        if question.id not in answered:
            raise DomainError(
                Code.MISSING_ANSWER,
                t(f"Please answer question {question.id!r}.", f"请回答问题 {question.id!r}。"),
                "answers",
            )
    return {question.id: answered[question.id] for question in questionnaire.questions}


def _check_one(question: Question, given: AnswerInput, where: str) -> Answer:
    supplied = {
        "optionId": given.option_id is not None,
        "optionIds": given.option_ids is not None,
        "value": given.value is not None,
    }
    expected = _KIND_FIELDS[question.kind]
    for name, present in supplied.items():
        if present and name != expected:
            raise DomainError(
                Code.ANSWER_KIND_MISMATCH,
                t(
                    f"Question {question.id!r} is a {_kind_words(question.kind)} question: answer it with {expected} only.",
                    f"问题 {question.id!r} 是{_KIND_WORDS_ZH[question.kind]}题，只能用 {expected} 作答。",
                ),
                f"{where}.{name}",
            )
    if not supplied[expected]:
        raise DomainError(
            Code.MISSING_ANSWER,
            t(f"Question {question.id!r} needs {expected}.", f"问题 {question.id!r} 需要填写 {expected}。"),
            f"{where}.{expected}",
        )
    if question.kind is QuestionKind.SINGLE_CHOICE:
        _known_option(question, given.option_id, f"{where}.optionId")
        return Answer(question.id, question.kind, option_ids=(given.option_id,))
    if question.kind is QuestionKind.MULTIPLE_CHOICE:
        option_ids = _check_options(question, list(given.option_ids), f"{where}.optionIds")
        return Answer(question.id, question.kind, option_ids=option_ids)
    return Answer(question.id, question.kind, value=_check_number(question, given.value, f"{where}.value"))


def _kind_words(kind: QuestionKind) -> str:
    return kind.value.lower().replace("_", "-")


_KIND_WORDS_ZH = {QuestionKind.SINGLE_CHOICE: "单选", QuestionKind.MULTIPLE_CHOICE: "多选", QuestionKind.NUMBER: "数值"}


def _known_option(question: Question, option_id: str, field: str) -> None:
    if question.option(option_id) is None:
        raise DomainError(
            Code.UNKNOWN_OPTION,
            t(
                f"Question {question.id!r} has no option {option_id!r}.",
                f"问题 {question.id!r} 没有选项 {option_id!r}。",
            ),
            field,
        )


def _check_options(question: Question, option_ids: list[str], field: str) -> tuple[str, ...]:
    if not option_ids:
        raise DomainError(
            Code.MISSING_ANSWER,
            t(
                f"Choose at least one option for question {question.id!r}.",
                f"请为问题 {question.id!r} 至少选择一个选项。",
            ),
            field,
        )
    seen: set[str] = set()
    for position, option_id in enumerate(option_ids):
        _known_option(question, option_id, f"{field}.{position}")
        if option_id in seen:
            raise DomainError(
                Code.DUPLICATE_ANSWER,
                t(f"Option {option_id!r} is chosen twice.", f"选项 {option_id!r} 被重复选择。"),
                f"{field}.{position}",
            )
        seen.add(option_id)
    exclusive = [o for o in option_ids if question.option(o).exclusive]
    if exclusive and len(option_ids) > 1:
        raise DomainError(
            Code.CONFLICTING_OPTIONS,
            t(
                f"Option {exclusive[0]!r} cannot be combined with other options.",
                f"选项 {exclusive[0]!r} 不能与其他选项同时选择。",
            ),
            field,
        )
    order = [o.id for o in question.options]
    return tuple(sorted(option_ids, key=order.index))


def _check_number(question: Question, raw: Decimal | int | str, field: str) -> Decimal:
    places = question.places
    what = "a whole number" if places == 0 else f"a number with at most {places} decimals"
    what_zh = "整数" if places == 0 else f"最多 {places} 位小数的数字"
    try:
        if isinstance(raw, str):
            value = parse_decimal(raw, places, what=t("the value", "数值"))
        elif isinstance(raw, (int, Decimal)) and not isinstance(raw, bool):
            value = Decimal(raw)
        else:
            raise DecimalFormatError(t(f"the value must be {what}", f"数值必须是{what_zh}"))
    except DecimalFormatError as error:
        message = str(error)
        raise DomainError(
            Code.INVALID_NUMBER, Text(f"{message[0].upper()}{message[1:]}.", f"{error.text.zh}。"), field
        ) from None
    if not value.is_finite() or value != round(value, places):
        raise DomainError(
            Code.INVALID_NUMBER,
            t(f"The answer to {question.id!r} must be {what}.", f"问题 {question.id!r} 的答案必须是{what_zh}。"),
            field,
        )
    if not question.min <= value <= question.max:
        raise DomainError(
            Code.VALUE_OUT_OF_RANGE,
            t(
                f"The answer to {question.id!r} must be between {format_decimal(question.min)} and "
                f"{format_decimal(question.max)}.",
                f"问题 {question.id!r} 的答案必须介于 {format_decimal(question.min)} 和 "
                f"{format_decimal(question.max)} 之间。",
            ),
            field,
        )
    return value.quantize(Decimal(1).scaleb(-places))


def answers_to_document(answers: Answers) -> dict[str, dict]:
    """The stored (JSON) form of checked answers, keyed as the client sends them
    (``optionId`` / ``optionIds`` / ``value``); exact decimals as strings."""
    stored: dict[str, dict] = {}
    for question_id, answer in answers.items():
        if answer.kind is QuestionKind.SINGLE_CHOICE:
            stored[question_id] = {"optionId": answer.option_ids[0]}
        elif answer.kind is QuestionKind.MULTIPLE_CHOICE:
            stored[question_id] = {"optionIds": list(answer.option_ids)}
        else:
            stored[question_id] = {"value": format_decimal(answer.value)}
    return stored


def answers_from_document(questionnaire: Questionnaire, stored: Mapping[str, dict]) -> dict[str, Answer]:
    """Stored answers back into checked answers (checked again against their version)."""
    inputs = [
        AnswerInput(
            question_id,
            option_id=entry.get("optionId"),
            option_ids=entry.get("optionIds"),
            value=entry.get("value"),
        )
        for question_id, entry in stored.items()
    ]
    return check_answers(questionnaire, inputs)
