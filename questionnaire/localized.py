"""What a client shows: a questionnaire version in one locale, and the locale rules (the
request's locale if given, else the user's, else zh-CN)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.errors import DomainError, t
from questionnaire.definition import Question, QuestionKind, Questionnaire, Section, Unit
from questionnaire.errors import QuestionnaireErrorCode
from users.models import DEFAULT_LOCALE, SUPPORTED_LOCALES


def resolve_locale(requested: str | None, fallback: str | None = None, *, field: str = "locale") -> str:
    """``requested`` if given (it must be supported), else ``fallback``, else zh-CN."""
    if requested is None:
        return fallback if fallback in SUPPORTED_LOCALES else DEFAULT_LOCALE
    if requested not in SUPPORTED_LOCALES:
        raise DomainError(
            QuestionnaireErrorCode.UNSUPPORTED_LOCALE,
            t(
                f"Locale must be one of {', '.join(SUPPORTED_LOCALES)}.",
                f"语言必须是以下之一：{', '.join(SUPPORTED_LOCALES)}。",
            ),
            field,
        )
    return requested


@dataclass(frozen=True, slots=True)
class LocalizedOption:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class LocalizedQuestion:
    id: str
    section: Section
    kind: QuestionKind
    text: str
    label: str
    options: tuple[LocalizedOption, ...]
    min_value: Decimal | None
    max_value: Decimal | None
    decimal_places: int | None
    unit: Unit | None


@dataclass(frozen=True, slots=True)
class LocalizedQuestionnaire:
    id: str
    version: int
    locale: str
    title: str
    questions: tuple[LocalizedQuestion, ...]


def localize_question(question: Question, locale: str) -> LocalizedQuestion:
    number = question.kind is QuestionKind.NUMBER
    return LocalizedQuestion(
        id=question.id,
        section=question.section,
        kind=question.kind,
        text=question.text[locale],
        label=question.label[locale],
        options=tuple(LocalizedOption(o.id, o.text[locale]) for o in question.options),
        min_value=question.min if number else None,
        max_value=question.max if number else None,
        decimal_places=question.places if number else None,
        unit=question.unit,
    )


def localize(questionnaire: Questionnaire, locale: str) -> LocalizedQuestionnaire:
    return LocalizedQuestionnaire(
        id=questionnaire.id,
        version=questionnaire.version,
        locale=locale,
        title=questionnaire.title[locale],
        questions=tuple(localize_question(q, locale) for q in questionnaire.questions),
    )
