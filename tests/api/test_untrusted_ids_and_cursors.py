"""Never a 500 on out-of-range input: ids beyond 64 bits, negative or non-numeric ids, and
crafted cursors (huge integers, naive datetimes, wrong types inside the JSON) get a clear
NOT_FOUND / INVALID_CURSOR answer, on SQLite and PostgreSQL, instead of INTERNAL_ERROR."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.ids import KINDS, decode, global_id
from api.pagination import decode_cursor, encode_cursor
from core.errors import DomainError
from products.kinds import ProductKind
from tests.ids import product_gid
from tests.products.conftest import as_customer, as_pm1, catalogue, staff  # noqa: F401 - fixtures
from tests.products.gqlops import AUDIT, LIST, UPDATE


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# Integer ids (even of objects that exist) are no longer ids; nor are global ids of other
# types, of keys beyond 64 bits, of no type, or not in their one canonical form.
BAD_IDS = (
    [str(2**63), str(2**70), "-1", "0", "abc", "1.5", "1e3", " 7", "1", "2"]
    + [_b64(text) for text in ("Product:0", f"Product:{2**63}", "Product:01", "Nope:1", "Product:1:2", "Product:")]
    + [_b64("Product:1") + "==", _b64("Payment:1"), _b64("User:1")]
)


def crafted(key) -> str:
    """A cursor a client made up: any JSON inside the base64."""
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def error_codes(body: dict) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors") or []]


# --- decoding --------------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.integers(min_value=-(2**80), max_value=2**80),
)


@given(st.lists(json_scalars, max_size=3))
def test_a_typed_cursor_is_either_exactly_its_types_or_invalid(key):
    types = (str, int)
    try:
        decoded = decode_cursor(crafted(key), types)
    except DomainError as refused:
        assert (refused.code, refused.field) == ("INVALID_CURSOR", "after")
        return
    assert len(decoded) == 2 and isinstance(decoded[0], str)
    assert type(decoded[1]) is int and -(2**63) <= decoded[1] < 2**63


@given(st.datetimes(timezones=st.timezones()), st.integers(min_value=1, max_value=2**63 - 1))
def test_the_cursors_we_hand_out_decode_to_the_same_key(moment, row_id):
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:  # a moment beyond the calendar in UTC cannot be a row's time
        return
    decoded = decode_cursor(
        encode_cursor([utc.isoformat(), row_id, date(2026, 11, 26).isoformat()]), (datetime, int, date)
    )
    assert decoded == [utc, row_id, date(2026, 11, 26)]


@pytest.mark.parametrize(
    ("key", "types"),
    [
        ([2**63], (int,)),
        ([-(2**63) - 1], (int,)),
        ([True], (int,)),
        ([1.0], (int,)),
        (["7"], (int,)),
        ([1, 2], (int,)),
        ([], (int,)),
        (["2026-11-26T10:00:00"], (datetime,)),  # naive
        (["0001-01-01T00:00:00+05:00"], (datetime,)),  # before year 1 in UTC
        (["yesterday"], (datetime,)),
        ([20261126], (date,)),
        (["2026-13-01"], (date,)),
        (["a\u0000b"], (str,)),
        (["x" * 1001], (str,)),
        ({"id": 1}, (int,)),
    ],
)
def test_crafted_keys_are_refused(key, types):
    with pytest.raises(DomainError) as refused:
        decode_cursor(crafted(key), types)
    assert refused.value.code == "INVALID_CURSOR"


@given(st.sampled_from(sorted(KINDS)), st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1).filter(bool))
def test_a_global_id_names_exactly_its_type_and_key(kind, key):
    value = global_id(kind, key)
    assert decode(value) == (kind, key)
    assert decode(value + "=") is None and decode(str(key)) is None


@given(st.text(max_size=80))
def test_any_text_is_a_global_id_or_nothing_never_an_error(text):
    decoded = decode(text)
    assert decoded is None or global_id(*decoded) == text


# --- through GraphQL -------------------------------------------------------------------------

HUGE = 2**70


@pytest.fixture
def on_sale(catalogue):
    return {kind: catalogue.on_sale(kind) for kind in (ProductKind.MONEY_FUND, ProductKind.EQUITY_FUND)}


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_product_ids_that_cannot_exist_are_simply_not_found(on_sale, as_pm1, bad_id):
    assert as_pm1.data("query($id: ID!) { product(id: $id) { code } }", {"id": bad_id}) == {"product": None}
    audit = as_pm1.execute(AUDIT, {"id": bad_id})
    assert error_codes(audit) == ["PRODUCT_NOT_FOUND"]
    inputs = {
        "updateProduct": (UPDATE, {"productId": bad_id, "issuer": "X"}),
        "changeProductStatus": (
            "mutation($i: ChangeProductStatusInput!) { changeProductStatus(input: $i) { userErrors { field code } } }",
            {"productId": bad_id, "status": "SUSPENDED"},
        ),
        "approveProductStatusChange": (
            "mutation($i: ApproveProductStatusChangeInput!) { approveProductStatusChange(input: $i) { userErrors { field code } } }",
            {"productId": bad_id},
        ),
        "recordNav": (
            "mutation($i: RecordNavInput!) { recordNav(input: $i) { userErrors { field code } } }",
            {"productId": bad_id, "date": "2026-11-25", "nav": "1.0000"},
        ),
        "recordMoneyFundIncome": (
            "mutation($i: RecordMoneyFundIncomeInput!) { recordMoneyFundIncome(input: $i) { userErrors { field code } } }",
            {"productId": bad_id, "date": "2026-11-25", "incomePer10kUnits": "0.5000"},
        ),
    }
    for name, (document, values) in inputs.items():
        errors = as_pm1.data(document, {"i": values})[name]["userErrors"]
        assert [(e["field"], e["code"]) for e in errors] == [("productId", "PRODUCT_NOT_FOUND")], name


NAV_HISTORY = (
    "query($id: ID!, $after: String) { product(id: $id) { navHistory(first: 2, after: $after) { nodes { date } } } }"
)
RISK_HISTORY = "query($after: String) { me { riskAssessments(first: 2, after: $after) { nodes { id } } } }"
WALLET_PAGES = "query($after: String) { wallet { transactions(first: 2, after: $after) { nodes { id } } } }"
PAYMENT_PAGES = "query($after: String) { wallet { payments(first: 2, after: $after) { nodes { id } } } }"

CRAFTED_KEYS = [[HUGE], [2**63], [True], [1.5], ["1"], [HUGE, 1], ["a", HUGE], [1, 2, 3], [None], {"a": 1}, "text"]


@pytest.mark.parametrize("key", CRAFTED_KEYS, ids=repr)
def test_crafted_cursors_are_invalid_cursors_everywhere(on_sale, as_pm1, as_customer, key):
    after = crafted(key)
    equity = on_sale[ProductKind.EQUITY_FUND]
    answers = {
        "products by name": as_customer.execute(LIST, {"after": after}),
        "products by return": as_customer.execute(LIST, {"after": after, "sort": "EXPECTED_RETURN"}),
        "products by minimum": as_customer.execute(LIST, {"after": after, "sort": "MINIMUM_AMOUNT"}),
        "audit log": as_pm1.execute(AUDIT, {"id": product_gid(equity), "after": after}),
        "nav history": as_customer.execute(NAV_HISTORY, {"id": product_gid(equity), "after": after}),
        "risk assessments": as_customer.execute(RISK_HISTORY, {"after": after}),
        "wallet transactions": as_customer.execute(WALLET_PAGES, {"after": after}),
        "wallet payments": as_customer.execute(PAYMENT_PAGES, {"after": after}),
    }
    for name, body in answers.items():
        assert error_codes(body) == ["INVALID_CURSOR"], (name, body)


def test_a_naive_or_out_of_range_time_in_a_wallet_cursor_is_invalid(as_customer):
    for moment in ("2026-11-26T10:00:00", "0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-10:00"):
        body = as_customer.execute(WALLET_PAGES, {"after": crafted([moment, 1])})
        assert error_codes(body) == ["INVALID_CURSOR"], moment
    aware = as_customer.data(WALLET_PAGES, {"after": crafted(["2026-11-26T10:00:00+08:00", 1])})
    assert aware["wallet"]["transactions"]["nodes"] == []


def test_a_date_cursor_of_the_nav_history_must_be_a_date(on_sale, as_customer):
    equity = on_sale[ProductKind.EQUITY_FUND]
    first = as_customer.data(NAV_HISTORY, {"id": product_gid(equity)})["product"]["navHistory"]["nodes"]
    assert len(first) == 2
    for key in (["2026-02-30"], [20261126], ["2026-11-26T00:00:00"]):
        body = as_customer.execute(NAV_HISTORY, {"id": product_gid(equity), "after": crafted(key)})
        assert error_codes(body) == ["INVALID_CURSOR"], key


WALLET_LOOKUPS = {
    "payment": ("query($id: ID!) { payment(id: $id) { id } }", None),
    **{
        name: (
            f"mutation($id: ID!) {{ {name}(input: {{paymentId: $id{extra}}}) {{ userErrors {{ field code }} }} }}",
            "paymentId",
        )
        for name, extra in (
            ("confirmPayment", ""),
            ("refundPayment", ""),
            ("requestRefund", ', reason: "late"'),
            ("declineRefund", ""),
        )
    },
    **{
        name: (
            f'mutation($id: ID!) {{ {name}(input: {{amount: "1.00", idempotencyKey: "k", bankCardId: $id}}) '
            "{ userErrors { field code } } }",
            "bankCardId",
        )
        for name in ("deposit", "withdraw")
    },
}


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_wallet_ids_that_cannot_exist_are_simply_not_found(as_customer, bad_id):
    for name, (document, field) in WALLET_LOOKUPS.items():
        body = as_customer.execute(document, {"id": bad_id})
        if field is None:
            assert body == {"data": {name: None}}, (name, body)
        else:
            assert [(e["field"], e["code"]) for e in body["data"][name]["userErrors"]] == [(field, "NOT_FOUND")], name
