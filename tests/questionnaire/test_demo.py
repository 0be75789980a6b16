"""The demo customers get assessments in five different categories through the real scoring,
one of them a qualified investor."""

from __future__ import annotations

from core.risk import RiskCategory
from demo import questionnaire as questionnaire_demo
from demo import users as users_demo
from questionnaire import service
from questionnaire.profiles import ProfileStatus, current_profile


def test_demo_customers_span_every_category_and_include_a_qualified_investor(db, clock, settings):
    with db.write() as session:
        users = users_demo.seed(session=session, clock=clock, settings=settings)
        assessments = questionnaire_demo.seed(session=session, clock=clock, settings=settings, seeded={"users": users})

    with db.read() as session:
        profiles = {
            email: current_profile(session=session, user_id=users[email].id, clock=clock) for email in assessments
        }
        for assessment in assessments.values():  # stored results are what the scoring says
            assert service.rescore(assessment).risk_category.value == assessment.risk_category
    categories = {email.split("@")[0]: profile.risk_category for email, profile in profiles.items()}
    assert categories == {
        "alice": RiskCategory.C1,
        "bob": RiskCategory.C2,
        "carol": RiskCategory.C3,
        "dave": RiskCategory.C4,
        "erin": RiskCategory.C5,
    }
    assert all(profile.status is ProfileStatus.CURRENT for profile in profiles.values())
    assert [email for email, profile in profiles.items() if profile.qualified_investor] == ["erin@example.com"]
