"""A questionnaire version as data: its shape (pydantic models) and the validator that turns a
JSON document into a ``Questionnaire`` or a ``QuestionnaireDefinitionError`` listing every
problem (unknown or duplicate ids, a missing translation, a score band that leaves a gap ...).

A document has an ``id`` (one per version), a ``version``, ``offered`` (only offered versions
accept new answers; retired ones stay loadable so old assessments can be re-scored), bilingual
``title``, ``category_bands`` (score ranges of C1..C5), ``questions`` in two sections and
``consistency_rules``. Scoring data lives beside each question:

- choice options carry ``points`` (a multiple-choice question scores its best option);
- a number question carries ``bands`` (``from`` thresholds, ascending, with ``points``), scored
  on the value itself or, with ``ratio_to``, on value / (sum of the named answers);
- ``fact`` marks the answers other parts need (age, horizon, liquidity need, ...);
- ``no_loss`` marks the "I accept no loss at all" option (lowest category).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from core.risk import RiskCategory
from questionnaire.errors import QuestionnaireDefinitionError
from users.models import SUPPORTED_LOCALES

WILLINGNESS_ITEMS = (8, 12)  # Grable & Lytton style: 8 to 12 attitude items
MAX_PLACES = 2  # numbers are whole or CNY amounts (fen)
SCORE_RANGE = (0, 100)


class Section(StrEnum):
    CAPACITY = "CAPACITY"  # facts: what the user can afford to lose
    WILLINGNESS = "WILLINGNESS"  # attitude: what the user is prepared to lose


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "SINGLE_CHOICE"
    MULTIPLE_CHOICE = "MULTIPLE_CHOICE"
    NUMBER = "NUMBER"


class Fact(StrEnum):
    """Answers the code reads by meaning, whatever the question's id in a version."""

    AGE = "age"
    HORIZON_MONTHS = "horizon_months"
    LIQUIDITY_NEED = "liquidity_need"
    FINANCIAL_ASSETS = "financial_assets"
    DEBTS = "debts"
    AVERAGE_INCOME_3Y = "average_income_3y"
    EXPERIENCE_YEARS = "experience_years"


# The kind each fact's question must have.
FACT_KINDS = {
    Fact.AGE: QuestionKind.NUMBER,
    Fact.HORIZON_MONTHS: QuestionKind.SINGLE_CHOICE,
    Fact.LIQUIDITY_NEED: QuestionKind.NUMBER,
    Fact.FINANCIAL_ASSETS: QuestionKind.NUMBER,
    Fact.DEBTS: QuestionKind.NUMBER,
    Fact.AVERAGE_INCOME_3Y: QuestionKind.NUMBER,
    Fact.EXPERIENCE_YEARS: QuestionKind.NUMBER,
}


class Unit(StrEnum):
    CNY = "CNY"
    AGE = "AGE"  # years of age
    YEARS = "YEARS"  # a number of years


def _bilingual(text: dict[str, str]) -> dict[str, str]:
    missing = [locale for locale in SUPPORTED_LOCALES if not str(text.get(locale, "")).strip()]
    if missing:
        raise ValueError(f"needs a text in {', '.join(missing)}")
    extra = sorted(set(text) - set(SUPPORTED_LOCALES))
    if extra:
        raise ValueError(f"has texts in unsupported locales {', '.join(extra)}")
    return text


Text = Annotated[dict[str, str], AfterValidator(_bilingual)]
Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Option(_Model):
    id: Identifier
    text: Text
    points: int = Field(default=0, ge=0)
    value: int | None = Field(default=None, gt=0)  # the fact it stands for (horizon months)
    exclusive: bool = False  # multiple choice: cannot be combined ("none of these")
    no_loss: bool = False  # "I accept no loss at all": lowest category


class Band(_Model):
    start: Decimal = Field(alias="from")
    points: int = Field(ge=0)


class Question(_Model):
    id: Identifier
    section: Section
    kind: QuestionKind
    label: Text  # a short name used in explanations ("investment horizon")
    text: Text
    fact: Fact | None = None
    options: tuple[Option, ...] = ()
    min: Decimal | None = None
    max: Decimal | None = None
    places: int = Field(default=0, ge=0, le=MAX_PLACES)
    unit: Unit | None = None
    bands: tuple[Band, ...] = ()
    ratio_to: tuple[str, ...] = ()

    _options: dict[str, Option] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object) -> None:
        self._options.update({option.id: option for option in self.options})

    def option(self, option_id: str) -> Option | None:
        return self._options.get(option_id)

    @property
    def is_choice(self) -> bool:
        return self.kind is not QuestionKind.NUMBER

    def points_range(self) -> tuple[int, int]:
        """The least and most points an answer can earn."""
        points = [o.points for o in self.options] if self.is_choice else [b.points for b in self.bands]
        return (min(points), max(points)) if points else (0, 0)


class CategoryBand(_Model):
    category: RiskCategory
    min: int
    max: int


class AnswerRef(_Model):
    question: Identifier
    options: tuple[Identifier, ...] = Field(min_length=1)


class ConsistencyRule(_Model):
    """Answers that contradict each other: one of ``cautious`` together with one of ``bold``
    lowers willingness by ``penalty`` points and flags the assessment."""

    id: Identifier
    penalty: int = Field(ge=1, le=100)
    cautious: tuple[AnswerRef, ...] = Field(min_length=1)
    bold: tuple[AnswerRef, ...] = Field(min_length=1)
    text: Text


class Questionnaire(_Model):
    id: Identifier
    version: int = Field(ge=1)
    offered: bool
    title: Text
    category_bands: tuple[CategoryBand, ...]
    questions: tuple[Question, ...]
    consistency_rules: tuple[ConsistencyRule, ...] = ()

    _questions: dict[str, Question] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object) -> None:
        self._questions.update({question.id: question for question in self.questions})

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def in_section(self, section: Section) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section is section)

    def fact_question(self, fact: Fact) -> Question:
        return next(q for q in self.questions if q.fact is fact)

    def category_for(self, score: int) -> RiskCategory:
        for band in self.category_bands:
            if band.min <= score <= band.max:
                return band.category
        raise ValueError(f"score {score} is outside every band")  # validated: cannot happen

    def band_of(self, category: RiskCategory) -> CategoryBand:
        return next(band for band in self.category_bands if band.category is category)


def parse_questionnaire(document: object, *, source: str = "<document>") -> Questionnaire:
    """Validate a decoded JSON document; raise ``QuestionnaireDefinitionError`` listing every
    problem found."""
    try:
        questionnaire = Questionnaire.model_validate(document)
    except ValidationError as error:
        problems = [
            f"{'.'.join(str(part) for part in detail['loc']) or '(document)'}: {detail['msg']}"
            for detail in error.errors(include_url=False)
        ]
        raise QuestionnaireDefinitionError(source, problems) from None
    problems = semantic_problems(questionnaire)
    if problems:
        raise QuestionnaireDefinitionError(source, problems)
    return questionnaire


def semantic_problems(q: Questionnaire) -> list[str]:
    """What the shape cannot say: ids, references, bands, facts and section sizes."""
    problems: list[str] = []
    problems += _duplicates("question id", [question.id for question in q.questions])
    problems += _duplicates("consistency rule id", [rule.id for rule in q.consistency_rules])
    for question in q.questions:
        problems += _question_problems(q, question)
    problems += _category_band_problems(q.category_bands)
    problems += _fact_problems(q)
    problems += _section_problems(q)
    for rule in q.consistency_rules:
        for ref in (*rule.cautious, *rule.bold):
            problems += _reference_problems(q, f"consistency rule {rule.id}", ref)
    return problems


def _duplicates(what: str, ids: list[str]) -> list[str]:
    counts = Counter(ids)
    return [f"duplicate {what} {i!r}" for i in sorted(i for i, n in counts.items() if n > 1)]


def _question_problems(q: Questionnaire, question: Question) -> list[str]:
    where = f"question {question.id}"
    problems: list[str] = []
    if question.is_choice:
        if len(question.options) < 2:
            problems.append(f"{where}: a choice question needs at least 2 options")
        problems += _duplicates(f"option id in {where}", [o.id for o in question.options])
        if question.bands or question.ratio_to or question.min is not None or question.max is not None:
            problems.append(f"{where}: a choice question takes options, not min/max/bands/ratio_to")
        if question.kind is QuestionKind.SINGLE_CHOICE and any(o.exclusive for o in question.options):
            problems.append(f"{where}: 'exclusive' only makes sense in a multiple-choice question")
        if question.kind is QuestionKind.MULTIPLE_CHOICE and any(o.no_loss for o in question.options):
            problems.append(f"{where}: a 'no_loss' option must be in a single-choice question")
        return problems
    if question.options:
        problems.append(f"{where}: a number question takes min/max/bands, not options")
    if question.min is None or question.max is None:
        return problems + [f"{where}: a number question needs min and max"]
    if question.min > question.max:
        problems.append(f"{where}: min {question.min} is above max {question.max}")
    for bound in (question.min, question.max):
        if bound != round(bound, question.places):
            problems.append(f"{where}: bound {bound} has more than {question.places} decimals")
    if question.unit is None:
        problems.append(f"{where}: a number question needs a unit")
    for name in question.ratio_to:
        other = q.question(name)
        if other is None or other.kind is not QuestionKind.NUMBER:
            problems.append(f"{where}: ratio_to names {name!r}, which is not a number question")
    if question.ratio_to and question.min < 0:
        problems.append(f"{where}: a ratio-scored question cannot take negative values")
    if question.bands:
        problems += _score_band_problems(where, question)
    return problems


def _score_band_problems(where: str, question: Question) -> list[str]:
    starts = [band.start for band in question.bands]
    points = [band.points for band in question.bands]
    problems: list[str] = []
    lowest = Decimal(0) if question.ratio_to else question.min
    if starts[0] != lowest:
        problems.append(
            f"{where}: the first band must start at {lowest} (it starts at {starts[0]}), "
            "or values below it would score nothing"
        )
    if any(later <= earlier for earlier, later in zip(starts, starts[1:])):
        problems.append(f"{where}: band starts must be strictly ascending")
    rising = all(b >= a for a, b in zip(points, points[1:]))
    falling = all(b <= a for a, b in zip(points, points[1:]))
    if not (rising or falling):
        problems.append(f"{where}: band points must move in one direction (more risk capacity one way)")
    return problems


def _category_band_problems(bands: tuple[CategoryBand, ...]) -> list[str]:
    order = list(RiskCategory)
    if [band.category for band in bands] != order:
        return [f"category_bands must list {', '.join(order)} once each, in that order"]
    problems: list[str] = []
    low, high = SCORE_RANGE
    if bands[0].min != low:
        problems.append(f"category band C1 must start at {low}, not {bands[0].min}")
    if bands[-1].max != high:
        problems.append(f"category band C5 must end at {high}, not {bands[-1].max}")
    for band in bands:
        if band.min > band.max:
            problems.append(f"category band {band.category}: min {band.min} is above max {band.max}")
    for before, after in zip(bands, bands[1:]):
        if after.min > before.max + 1:
            problems.append(
                f"category bands leave a gap: {before.category} ends at {before.max} and "
                f"{after.category} starts at {after.min}"
            )
        elif after.min <= before.max:
            problems.append(
                f"category bands overlap: {before.category} ends at {before.max} and "
                f"{after.category} starts at {after.min}"
            )
    return problems


def _fact_problems(q: Questionnaire) -> list[str]:
    problems: list[str] = []
    for fact, kind in FACT_KINDS.items():
        holders = [question for question in q.questions if question.fact is fact]
        if len(holders) != 1:
            problems.append(f"exactly one question must carry the fact {fact.value!r} (found {len(holders)})")
            continue
        question = holders[0]
        if question.kind is not kind or question.section is not Section.CAPACITY:
            problems.append(f"question {question.id}: the fact {fact.value!r} needs a {kind} capacity question")
        if fact is Fact.HORIZON_MONTHS and any(option.value is None for option in question.options):
            problems.append(f"question {question.id}: every horizon option needs a value in months")
        if fact is not Fact.AGE and kind is QuestionKind.NUMBER and question.min is not None and question.min < 0:
            problems.append(f"question {question.id}: the fact {fact.value!r} cannot be negative")
    return problems


def _section_problems(q: Questionnaire) -> list[str]:
    problems: list[str] = []
    if not q.in_section(Section.CAPACITY):
        problems.append("the capacity section has no questions")
    low, high = WILLINGNESS_ITEMS
    count = len(q.in_section(Section.WILLINGNESS))
    if not low <= count <= high:
        problems.append(f"the willingness section needs {low} to {high} items (it has {count})")
    no_loss = [o for question in q.in_section(Section.WILLINGNESS) for o in question.options if o.no_loss]
    if not no_loss:
        problems.append("the willingness section needs an 'I accept no loss at all' option (no_loss)")
    if any(o.no_loss for question in q.in_section(Section.CAPACITY) for o in question.options):
        problems.append("a 'no_loss' option belongs in the willingness section")
    for section in Section:
        ranges = [question.points_range() for question in q.in_section(section)]
        if ranges and sum(high for _, high in ranges) == sum(low for low, _ in ranges):
            problems.append(f"the {section.lower()} section cannot score: every answer earns the same points")
    return problems


def _reference_problems(q: Questionnaire, where: str, ref: AnswerRef) -> list[str]:
    question = q.question(ref.question)
    if question is None:
        return [f"{where}: unknown question id {ref.question!r}"]
    unknown = [option for option in ref.options if question.option(option) is None]
    if unknown:
        return [f"{where}: unknown option ids {', '.join(map(repr, unknown))} in question {ref.question}"]
    return []
