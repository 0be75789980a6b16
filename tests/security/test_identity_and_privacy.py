"""Items 5, 6 and 10 of the hardening issue: one identity number verifies one account; `pay`
tells an account that may not pay nothing about other accounts and shows payees' names masked
until they have paid you; previews are rate-limited; text that is not Unicode, that hides
characters or that impersonates staff is refused."""

from __future__ import annotations

import json

from tests.ids import gid
from tests.security.conftest import codes
from tests.wallet.conftest import id_number, ready_user  # noqa: F401 - fixture

VERIFY = """mutation($i: VerifyIdentityInput!) { verifyIdentity(input: $i) { identity { realName }
  userErrors { code field } } }"""
PAY = """mutation($i: PayInput!) { pay(input: $i) { payment { id status payee { displayName } payer { displayName } }
  userErrors { code field } } }"""
PAYMENT = "query($id: ID!) { payment(id: $id) { payee { displayName } payer { displayName } } }"
PREVIEW = "query($p: String!) { payeePreview(payee: $p) { maskedName } }"
REGISTER = """mutation($i: RegisterInput!) { register(input: $i) { user { displayName } userErrors { code field } } }"""
PROFILE = """mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { user { displayName } userErrors { code field } } }"""


def test_one_identity_number_verifies_one_account(gql, make_user):
    number = id_number()
    make_user("first@example.com")
    make_user("second@example.com")
    first, second = gql.as_user("first@example.com"), gql.as_user("second@example.com")
    assert first.data(VERIFY, {"i": {"realName": "王芳", "idNumber": number}})["verifyIdentity"]["userErrors"] == []
    again = second.data(VERIFY, {"i": {"realName": "李四", "idNumber": number}})["verifyIdentity"]
    assert [(e["code"], e["field"]) for e in again["userErrors"]] == [("IDENTITY_ALREADY_USED", "idNumber")]
    other_name = first.data(VERIFY, {"i": {"realName": "王芳芳", "idNumber": number}})["verifyIdentity"]
    assert codes(other_name) == ["IDENTITY_ALREADY_VERIFIED"]  # the real name must match on re-verification
    assert first.data(VERIFY, {"i": {"realName": "王芳", "idNumber": number}})["verifyIdentity"]["userErrors"] == []


def test_an_unverified_payer_learns_nothing_about_payees(gql, make_user, ready_user):
    lisi = ready_user("李四", email="lisi@example.com")
    make_user("nosy@example.com")
    nosy = gql.as_user("nosy@example.com")
    for payee in ("lisi@example.com", "nobody@example.com", gid("User", lisi.id), gid("User", 999999)):
        answer = nosy.data(PAY, {"i": {"payee": payee, "amount": "0.01", "idempotencyKey": f"k-{payee}"}})["pay"]
        assert codes(answer) == ["IDENTITY_NOT_VERIFIED"], payee


def test_payees_are_masked_until_they_have_paid_you(gql, ready_user):
    ready_user("李四", email="lisi@example.com", deposit="10")
    ready_user("Alice", email="alice@example.com", deposit="10")
    lisi, alice = gql.as_user("lisi@example.com"), gql.as_user("alice@example.com")
    probe = alice.data(PAY, {"i": {"payee": "lisi@example.com", "amount": "0.01", "idempotencyKey": "probe"}})["pay"]
    assert probe["payment"]["payee"]["displayName"] == "*四" and probe["payment"]["status"] == "COMPLETED"
    assert alice.data(PAYMENT, {"id": probe["payment"]["id"]})["payment"]["payee"]["displayName"] == "*四"
    # The payee sees who paid them; the payer still sees a masked name until the payee pays back.
    assert lisi.data(PAYMENT, {"id": probe["payment"]["id"]})["payment"]["payer"]["displayName"] == "Alice"
    back = lisi.data(PAY, {"i": {"payee": "alice@example.com", "amount": "0.01", "idempotencyKey": "back"}})["pay"]
    assert back["payment"]["payee"]["displayName"] == "Alice"
    assert alice.data(PAYMENT, {"id": probe["payment"]["id"]})["payment"]["payee"]["displayName"] == "李四"


def test_the_payee_preview_shows_only_a_masked_name_and_is_rate_limited(gql, ready_user, settings):
    ready_user("Alice", email="alice@example.com")
    ready_user("Bob", email="bob@example.com")
    bob = gql.as_user("bob@example.com")
    assert bob.data(PREVIEW, {"p": "alice@example.com"}) == {"payeePreview": {"maskedName": "A***e"}}
    assert bob.data(PREVIEW, {"p": "nobody@example.com"}) == {"payeePreview": None}
    for _ in range(settings.payee_previews_per_hour - 2):
        bob.data(PREVIEW, {"p": "alice@example.com"})
    refused = bob.execute(PREVIEW, {"p": "alice@example.com"})
    assert refused["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


def raw(client, query: str, variables_json: str, token: str | None = None) -> dict:
    """Post JSON as text, so it can carry escapes a Python string cannot encode (lone surrogates)."""
    body = '{"query": %s, "variables": %s}' % (json.dumps(query), variables_json)
    headers = {"content-type": "application/json"}
    if token or client.token:
        headers["authorization"] = f"Bearer {token or client.token}"
    response = client.http.post("/graphql", content=body.encode(), headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["data"]


def test_text_that_is_not_unicode_or_hides_characters_is_refused(gql, ready_user):
    surrogate = raw(
        gql,
        REGISTER,
        '{"i": {"email": "s@example.com", "password": "a-long-fresh-passphrase", "displayName": "bad\\ud800name"}}',
    )["register"]
    assert [(e["code"], e["field"]) for e in surrogate["userErrors"]] == [("INVALID_TEXT", "displayName")]
    for name in ("Ev\u202eil", "zero\u200bwidth", "   ", "客服小王", "Customer Service", "Operator", "Robo"):
        refused = gql.data(
            REGISTER, {"i": {"email": "n@example.com", "password": "a-long-fresh-passphrase", "displayName": name}}
        )["register"]
        assert codes(refused) == ["INVALID_DISPLAY_NAME"], name
    ready_user("Payer", email="payer@example.com", deposit="1")
    ready_user("Payee", email="payee@example.com")
    payer = gql.as_user("payer@example.com")
    hidden = payer.data(
        PAY, {"i": {"payee": "payee@example.com", "amount": "0.01", "idempotencyKey": "m1", "memo": "pay\u200bme"}}
    )["pay"]
    assert [(e["code"], e["field"]) for e in hidden["userErrors"]] == [("INVALID_MEMO", "memo")]
    broken = raw(
        payer, PAY, '{"i": {"payee": "payee@example.com", "amount": "0.01", "idempotencyKey": "m2", "memo": "\\udfff"}}'
    )["pay"]
    assert [(e["code"], e["field"]) for e in broken["userErrors"]] == [("INVALID_TEXT", "memo")]
    renamed = payer.data(PROFILE, {"i": {"displayName": "平台客服"}})["updateProfile"]
    assert codes(renamed) == ["INVALID_DISPLAY_NAME"]
