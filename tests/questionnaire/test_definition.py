"""Questionnaire files: the shipped versions load, both locales match in structure, and the
validator refuses broken documents with a clear message naming the problem."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from core.risk import RiskCategory
from questionnaire.definition import QuestionKind, Section, parse_questionnaire
from questionnaire.errors import QuestionnaireDefinitionError
from questionnaire.localized import localize
from questionnaire.registry import load_registry, registry
from users.models import SUPPORTED_LOCALES


def shipped_document(name: str = "risk_profile_v2.json") -> dict:
    return json.loads(resources.files("questionnaire.versions").joinpath(name).read_text("utf-8"))


def test_one_version_is_offered_and_the_older_one_is_kept_for_old_assessments():
    loaded = registry()
    assert loaded.offered.offered
    retired = [q for q in loaded.by_id.values() if not q.offered]
    assert retired, "an older, no longer offered version stays loadable"
    assert all(q.version < loaded.offered.version for q in retired)


@pytest.mark.parametrize("questionnaire_id", sorted(registry().by_id))
def test_both_locales_have_the_same_structure_and_real_translations(questionnaire_id):
    questionnaire = registry().get(questionnaire_id)
    views = {locale: localize(questionnaire, locale) for locale in SUPPORTED_LOCALES}

    def structure(view):
        return [
            (q.id, q.section, q.kind, [o.id for o in q.options], q.min_value, q.max_value, q.unit)
            for q in view.questions
        ]

    zh, en = views["zh-CN"], views["en"]
    assert structure(zh) == structure(en)
    assert (zh.id, zh.version) == (en.id, en.version)
    for zh_question, en_question in zip(zh.questions, en.questions):
        assert zh_question.text and en_question.text and zh_question.text != en_question.text
        assert all(a.text != b.text for a, b in zip(zh_question.options, en_question.options) if not a.text.isdigit())


def test_the_offered_version_has_both_sections_as_the_issue_describes():
    questionnaire = registry().offered
    willingness = questionnaire.in_section(Section.WILLINGNESS)
    assert 8 <= len(willingness) <= 12
    assert any(option.no_loss for question in willingness for option in question.options)
    assert any(q.kind is QuestionKind.MULTIPLE_CHOICE for q in questionnaire.in_section(Section.CAPACITY))
    bands = [(band.category, band.min, band.max) for band in questionnaire.category_bands]
    assert bands == [
        (RiskCategory.C1, 0, 19),
        (RiskCategory.C2, 20, 39),
        (RiskCategory.C3, 40, 59),
        (RiskCategory.C4, 60, 79),
        (RiskCategory.C5, 80, 100),
    ]


def test_choice_options_are_listed_from_the_most_cautious_to_the_boldest():
    """The order a user reads is the order of risk (the property tests rely on it too)."""
    for questionnaire in registry().by_id.values():
        for question in questionnaire.questions:
            points = [option.points for option in question.options]
            assert points == sorted(points), question.id


def _question(document: dict, question_id: str) -> dict:
    return next(q for q in document["questions"] if q["id"] == question_id)


def _break(change):
    def broken() -> dict:
        document = copy.deepcopy(shipped_document())
        change(document)
        return document

    return broken


BROKEN = {
    "duplicate question id": (
        _break(lambda d: d["questions"].append(copy.deepcopy(_question(d, "w_job")))),
        "duplicate question id 'w_job'",
    ),
    "duplicate option id": (
        _break(lambda d: _question(d, "w_job")["options"][1].update(id="fixed")),
        "duplicate option id in question w_job 'fixed'",
    ),
    "unknown option id in a consistency rule": (
        _break(lambda d: d["consistency_rules"][0]["bold"][0].update(options=["all_in"])),
        "unknown option ids 'all_in' in question w_sure_gain",
    ),
    "unknown question in a consistency rule": (
        _break(lambda d: d["consistency_rules"][0]["bold"][0].update(question="w_lottery")),
        "unknown question id 'w_lottery'",
    ),
    "a score band that leaves a gap": (
        _break(lambda d: d["category_bands"][2].update(min=41)),
        "category bands leave a gap: C2 ends at 39 and C3 starts at 41",
    ),
    "overlapping score bands": (
        _break(lambda d: d["category_bands"][1].update(max=45)),
        "category bands overlap: C2 ends at 45 and C3 starts at 40",
    ),
    "bands that do not reach 100": (
        _break(lambda d: d["category_bands"][4].update(max=99)),
        "category band C5 must end at 100",
    ),
    "a missing translation": (
        _break(lambda d: _question(d, "age")["text"].pop("en")),
        "questions.0.text: Value error, needs a text in en",
    ),
    "a misspelt field": (
        _break(lambda d: _question(d, "age").update(maximum="120")),
        "questions.0.maximum: Extra inputs are not permitted",
    ),
    "a number band that starts above the minimum": (
        _break(lambda d: _question(d, "age")["bands"][0].update({"from": "20"})),
        "question age: the first band must start at 18",
    ),
    "number bands whose points zig-zag": (
        _break(lambda d: _question(d, "age")["bands"][2].update(points=9)),
        "question age: band points must move in one direction",
    ),
    "a missing fact": (
        _break(lambda d: _question(d, "horizon").pop("fact")),
        "exactly one question must carry the fact 'horizon_months' (found 0)",
    ),
    "too few attitude items": (
        _break(
            lambda d: d.update(
                questions=[q for q in d["questions"] if q["id"] not in ("w_job", "w_risk_word", "w_windfall")]
            )
        ),
        "the willingness section needs 8 to 12 items (it has 7)",
    ),
    "no 'no loss at all' option": (
        _break(lambda d: _question(d, "w_max_loss")["options"][0].update(no_loss=False)),
        "the willingness section needs an 'I accept no loss at all' option",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_document_is_refused_with_a_clear_message(case):
    make, expected = BROKEN[case]
    with pytest.raises(QuestionnaireDefinitionError) as raised:
        parse_questionnaire(make(), source="broken.json")
    assert "broken.json" in str(raised.value)
    assert any(expected in problem for problem in raised.value.problems), raised.value.problems


def test_every_problem_of_a_file_is_listed_at_once():
    document = shipped_document()
    document["category_bands"][2]["min"] = 41
    _question(document, "w_job")["options"][1]["id"] = "fixed"
    with pytest.raises(QuestionnaireDefinitionError) as raised:
        parse_questionnaire(document, source="two-problems.json")
    assert len(raised.value.problems) == 2


def test_the_registry_refuses_bad_json_two_offered_versions_and_a_reused_id():
    text = json.dumps(shipped_document())
    with pytest.raises(QuestionnaireDefinitionError, match="not valid JSON"):
        load_registry([("cut.json", text[:-10])])
    with pytest.raises(QuestionnaireDefinitionError, match="exactly one questionnaire must be offered"):
        other = shipped_document()
        other["id"] = "risk_profile_v3"
        load_registry([("a.json", text), ("b.json", json.dumps(other))])
    with pytest.raises(QuestionnaireDefinitionError, match="two files define the questionnaire id"):
        load_registry([("a.json", text), ("b.json", text)])
