"""Staff operations of the web console over GraphQL (issue 15): the history import as a real
multipart upload, the simulated bank's queue and answers, the kept ledger checks, disputes
with their age and the product change requests with approve/reject. Only the staff role
of each may use them."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from ledger import service as ledger_service
from ledger.accounts import ACCOUNTS
from ledger.models import JournalEntry
from products.kinds import ProductKind
from products.models import AuditEntry, NavPoint
from tests import calendars
from tests.conftest import DEFAULT_NOW, test_settings
from tests.ids import db_key, gid
from tests.products.conftest import as_customer, as_ops, as_pm1, as_pm2, catalogue, staff  # noqa: F401 - fixtures
from tests.wallet.conftest import ledger_problems, ready_user  # noqa: F401 - fixtures
from users.roles import Role
from wallet import cash
from wallet.queries import wallet_summary


@pytest.fixture
def settings():
    return test_settings(bank_auto_settle=False)  # withdrawals wait for the (simulated) bank


# --- importProductHistory: a multipart upload ----------------------------------------------

IMPORT = """mutation Import($input: ImportProductHistoryInput!) { importProductHistory(input: $input) {
  loaded alreadyStored products { code kind loaded alreadyStored firstDate lastDate } userErrors { field code message } } }"""


def upload(
    client, csv_text: str | bytes, *, token: str | None = None, language: str = "en", headers: dict | None = None
):
    """POST ``importProductHistory`` as a GraphQL multipart request with the CSV as its file."""
    operations = {"query": IMPORT, "variables": {"input": {"file": None}}}
    sent = {"Accept-Language": language, **(headers or {})}
    bearer = token if token is not None else client.token
    if bearer:
        sent["Authorization"] = f"Bearer {bearer}"
    return client.http.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.file"]})},
        files={"0": ("history.csv", csv_text if isinstance(csv_text, bytes) else csv_text.encode(), "text/csv")},
        headers=sent,
    )


def imported(client, csv_text: str | bytes, **kwargs) -> dict:
    response = upload(client, csv_text, **kwargs)
    assert response.status_code == 200, response.text
    body = response.json()
    assert not body.get("errors"), body
    return body["data"]["importProductHistory"]


def stored_navs(db) -> list:
    with db.read() as session:
        return session.execute(select(NavPoint.product_id, NavPoint.date, NavPoint.nav).order_by(NavPoint.date)).all()


DAYS = calendars.trading_days(DEFAULT_NOW.date() - timedelta(days=40), DEFAULT_NOW.date() - timedelta(days=1))


def test_a_product_manager_uploads_a_history_file_and_the_import_is_audited(db, as_pm1, as_customer, catalogue):
    equity = catalogue.code_of(catalogue.create(ProductKind.EQUITY_FUND))
    money = catalogue.code_of(catalogue.create(ProductKind.MONEY_FUND))
    lines = ["product_code,date,value"]
    lines += [f"{equity},{day.isoformat()},1.{i:04d}" for i, day in enumerate(DAYS[:5], 1)]
    lines += [f"{money},{(DEFAULT_NOW.date() - timedelta(days=i)).isoformat()},0.5{i:03d}" for i in range(1, 4)]
    text = "\n".join(lines) + "\n"

    refused = imported(as_customer, text)  # who may ask comes first
    assert [(e["code"], e["field"]) for e in refused["userErrors"]] == [("FORBIDDEN", None)]
    assert stored_navs(db) == []

    done = imported(as_pm1, text)
    assert done["userErrors"] == [] and (done["loaded"], done["alreadyStored"]) == (8, 0)
    assert {(p["code"], p["kind"], p["loaded"]) for p in done["products"]} == {
        (equity, "EQUITY_FUND", 5),
        (money, "MONEY_FUND", 3),
    }
    assert len(stored_navs(db)) == 5
    with db.read() as session:
        actors = session.scalars(select(AuditEntry.actor_label).where(AuditEntry.action == "HISTORY_IMPORTED")).all()
    assert actors == ["pm1@example.com", "pm1@example.com"]

    again = imported(as_pm1, text)  # the same file again: nothing new, nothing refused
    assert again["userErrors"] == [] and (again["loaded"], again["alreadyStored"]) == (0, 8)


def test_a_bad_file_is_rejected_whole_with_every_line_in_the_viewers_language(db, gql, make_user, as_pm1, catalogue):
    equity = catalogue.code_of(catalogue.create(ProductKind.EQUITY_FUND))
    text = "\n".join(
        [
            "product_code,date,nav",
            f"{equity},{DAYS[0].isoformat()},1.0100",  # 2: fine on its own
            f"{equity},2026-13-01,1.0100",  # 3: bad date
            f"{equity},{DAYS[1].isoformat()},0",  # 4: a NAV is above 0
            "NOPE,2026-11-05,1.0100",  # 5: unknown product
            f"{equity},{DAYS[2].isoformat()}",  # 6: two columns
        ]
    )
    shape = imported(as_pm1, text)  # a line without three columns: the file's shape is refused first
    assert [(e["code"], e["field"], e["message"]) for e in shape["userErrors"]] == [
        ("IMPORT_REJECTED", "file", "Line 6 (line): Expected 3 columns, found 2.")
    ]

    text = text.rsplit("\n", 1)[0]
    english = imported(as_pm1, text)
    assert english["loaded"] is None and english["products"] == []
    assert {e["field"] for e in english["userErrors"]} == {"file"}
    assert {e["code"] for e in english["userErrors"]} == {"IMPORT_REJECTED"}
    messages = [e["message"] for e in english["userErrors"]]
    assert [m.split(":")[0] for m in messages] == ["Line 3 (date)", "Line 4 (value)", "Line 5 (product_code)"]
    assert "Unknown product NOPE" in messages[2]
    make_user("pm-zh@example.com", roles={Role.PRODUCT_MANAGER}, locale="zh-CN")
    chinese = imported(gql.as_user("pm-zh@example.com"), text)
    assert [e["message"].split("：")[0] for e in chinese["userErrors"]] == [
        "第 3 行（date）",
        "第 4 行（value）",
        "第 5 行（product_code）",
    ]
    assert "没有产品 NOPE" in chinese["userErrors"][2]["message"]
    assert stored_navs(db) == []  # line 2 was fine, and still nothing was loaded

    header = imported(as_pm1, "code,day,price\nX,2026-11-20,1\n")
    assert [e["message"].split(":")[0] for e in header["userErrors"]] == ["Line 1 (header)"]
    gbk = imported(as_pm1, f"product_code,date,nav\n{equity},{DAYS[0].isoformat()},1.0100 基金\n".encode("gbk"))
    assert [e["message"] for e in gbk["userErrors"]] == ["Line 2 (line): The file is not UTF-8 text."]


def test_an_upload_is_refused_before_parsing_without_a_preflighted_header(as_pm1, catalogue):
    response = upload(as_pm1, "product_code,date,nav\n", token="")  # a form on another site sends no Authorization
    assert response.status_code == 400 and "Authorization" in response.text
    with_preflight = upload(as_pm1, "product_code,date,nav\n", token="", headers={"Apollo-Require-Preflight": "1"})
    body = with_preflight.json()
    assert with_preflight.status_code == 200
    assert [e["code"] for e in body["data"]["importProductHistory"]["userErrors"]] == ["UNAUTHENTICATED"]


def test_text_instead_of_a_file_is_refused(as_pm1):
    answer = as_pm1.data(IMPORT, {"input": {"file": "product_code,date,nav\n"}})["importProductHistory"]
    assert [(e["field"], e["code"]) for e in answer["userErrors"]] == [("file", "INVALID_INPUT")]


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    bad=st.lists(st.sampled_from(["0", "-1.5", "abc", "1.00001", "1e3", ""]), min_size=6, max_size=6),
    chosen=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_an_import_loads_every_line_or_none_and_names_exactly_the_bad_lines(db, as_pm1, catalogue, bad, chosen):
    product_id = catalogue.create(ProductKind.EQUITY_FUND)
    code = catalogue.code_of(product_id)
    lines = ["product_code,date,nav"]
    bad_lines = set()
    for index, (day, value, is_bad) in enumerate(zip(DAYS[:6], bad, chosen, strict=True)):
        lines.append(f"{code},{day.isoformat()},{value if is_bad else '1.2345'}")
        if is_bad:
            bad_lines.add(index + 2)
    result = imported(as_pm1, "\n".join(lines) + "\n")
    with db.read() as session:
        count = session.scalar(select(func.count()).select_from(NavPoint).where(NavPoint.product_id == product_id))
    if bad_lines:
        assert result["loaded"] is None and count == 0
        named = {int(e["message"].split(" ")[1]) for e in result["userErrors"]}
        assert named == bad_lines
    else:
        assert result["userErrors"] == [] and result["loaded"] == count == 6


# --- the simulated bank ----------------------------------------------------------------------

PENDING = """query Bank($first: Int, $after: String) { pendingWithdrawals(first: $first, after: $after) {
  totalCount nodes { id status amount { amount currency } user { id maskedName } cardLast4 requestedAt ageHours }
  pageInfo { hasNextPage endCursor } } }"""
SETTLE = """mutation Settle($ids: [ID!]!, $failIds: [ID!]) { settleWithdrawals(ids: $ids, failIds: $failIds) {
  completed { id status answeredAt } failed { id status } userErrors { field code message } } }"""
NODE = "query($id: ID!) { node(id: $id) { ... on Withdrawal { status amount { amount } } } }"


def withdraw(db, clock, settings, user, amount: str, key: str) -> str:
    with db.write() as session:
        result = cash.withdraw(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            amount=Decimal(amount),
            idempotency_key=key,
        )
    return gid("Withdrawal", result.transaction_id)


def available(db, user) -> int:
    with db.read() as session:
        return wallet_summary(session, user.id).available


def entries(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(JournalEntry))


def test_operators_settle_withdrawals_once_however_often_they_ask(
    db, gql, clock, settings, ready_user, staff, as_ops, as_customer
):
    alice, bob = ready_user("Alice Smith", deposit="100"), ready_user("李四", deposit="100")
    first = withdraw(db, clock, settings, alice, "30", "a")
    clock.advance(hours=5)
    second = withdraw(db, clock, settings, bob, "20", "b")
    third = withdraw(db, clock, settings, bob, "10", "c")
    clock.advance(hours=1)
    for client, email in ((as_ops, "ops@example.com"), (as_customer, "customer@example.com")):
        client.sign_in(email, "correct-horse-battery")  # access tokens live 15 minutes

    customer = as_customer.execute(PENDING)
    assert customer["data"] == {"pendingWithdrawals": None}
    assert [e["extensions"]["code"] for e in customer["errors"]] == ["FORBIDDEN"]
    refused = as_customer.data(SETTLE, {"ids": [first], "failIds": []})["settleWithdrawals"]
    assert [e["code"] for e in refused["userErrors"]] == ["FORBIDDEN"] and refused["completed"] == []
    assert as_customer.data(NODE, {"id": first})["node"] is None

    queue = as_ops.data(PENDING, {"first": 2})["pendingWithdrawals"]
    assert queue["totalCount"] == 3 and queue["pageInfo"]["hasNextPage"]
    assert [(n["id"], n["amount"]["amount"], n["user"]["maskedName"], n["ageHours"]) for n in queue["nodes"]] == [
        (first, "30.00", "A***h", 6),
        (second, "20.00", "*四", 1),
    ]
    assert queue["nodes"][0]["user"]["id"] == gid("User", alice.id) and len(queue["nodes"][0]["cardLast4"]) == 4
    rest = as_ops.data(PENDING, {"first": 2, "after": queue["pageInfo"]["endCursor"]})["pendingWithdrawals"]
    assert [n["id"] for n in rest["nodes"]] == [third]

    booked = entries(db)
    answer = as_ops.data(SETTLE, {"ids": [first], "failIds": [second]})["settleWithdrawals"]
    assert answer["userErrors"] == []
    assert [(w["id"], w["status"]) for w in answer["completed"]] == [(first, "COMPLETED")]
    assert [(w["id"], w["status"]) for w in answer["failed"]] == [(second, "FAILED")]
    assert (available(db, alice), available(db, bob)) == (7000, 9000)  # bob's refused 20 came back (10 still pending)
    assert entries(db) == booked + 2 and ledger_problems(db) == []

    for _ in range(2):  # a retry (a lost answer, a double click): the same answer, nothing booked again
        retry = as_ops.data(SETTLE, {"ids": [first], "failIds": [second]})["settleWithdrawals"]
        assert retry["userErrors"] == [] and retry["completed"] == answer["completed"]
        assert [w["status"] for w in retry["failed"]] == ["FAILED"]
    assert (available(db, alice), available(db, bob)) == (7000, 9000) and entries(db) == booked + 2

    # All or nothing: the pending third is not settled while another id cannot take its answer.
    contradicting = as_ops.data(SETTLE, {"ids": [third, second]})["settleWithdrawals"]
    assert [(e["field"], e["code"]) for e in contradicting["userErrors"]] == [("ids.1", "WITHDRAWAL_NOT_PENDING")]
    unknown = as_ops.data(SETTLE, {"ids": [third, gid("Withdrawal", 999_999), "nonsense", gid("Payment", 1)]})
    assert [(e["field"], e["code"]) for e in unknown["settleWithdrawals"]["userErrors"]] == [
        ("ids.2", "NOT_FOUND"),
        ("ids.3", "NOT_FOUND"),
    ]
    unknown = as_ops.data(SETTLE, {"ids": [third, gid("Withdrawal", 999_999)]})["settleWithdrawals"]
    assert [(e["field"], e["code"]) for e in unknown["userErrors"]] == [("ids.1", "NOT_FOUND")]
    assert as_ops.data(NODE, {"id": third})["node"] == {"status": "PENDING", "amount": {"amount": "10.00"}}
    assert entries(db) == booked + 2

    # A customer's own id of the line works too; the queue is empty afterwards.
    done = as_ops.data(SETTLE, {"ids": [gid("WalletTransaction", db_key(third))]})["settleWithdrawals"]
    assert [w["id"] for w in done["completed"]] == [third] and done["completed"][0]["answeredAt"] is not None
    assert as_ops.data(PENDING)["pendingWithdrawals"]["totalCount"] == 0
    assert ledger_problems(db) == []


# --- ledger checks -----------------------------------------------------------------------------

CHECK = "query Check { ledgerCheck { ranAt ranBy ok problems } }"
RUN = "mutation RunCheck { runLedgerCheck { ledgerCheck { ranAt ranBy ok problems } userErrors { code } } }"


def test_the_latest_ledger_check_is_kept_and_shown_to_operators(db, clock, robo, ready_user, as_ops, as_customer):
    ready_user(deposit="100")
    assert as_ops.data(CHECK) == {"ledgerCheck": None}  # never run yet
    customer = as_customer.execute(CHECK)
    assert customer["data"] == {"ledgerCheck": None} and customer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert as_customer.data(RUN)["runLedgerCheck"] == {"ledgerCheck": None, "userErrors": [{"code": "FORBIDDEN"}]}

    ran = as_ops.data(RUN)["runLedgerCheck"]
    assert ran["userErrors"] == []
    assert datetime.fromisoformat(ran["ledgerCheck"].pop("ranAt")) == DEFAULT_NOW
    assert ran["ledgerCheck"] == {"ranBy": "ops@example.com", "ok": True, "problems": []}
    ran["ledgerCheck"]["ranAt"] = as_ops.data(CHECK)["ledgerCheck"]["ranAt"]
    assert as_ops.data(CHECK)["ledgerCheck"] == ran["ledgerCheck"]

    with db.write() as session:  # a balance nobody posted
        session.execute(update(ACCOUNTS).where(ACCOUNTS.c.user_id.is_not(None)).values(balance=ACCOUNTS.c.balance + 1))
    code, _ = robo(
        "ledger", "verify", clock_at=DEFAULT_NOW + timedelta(minutes=1)
    )  # the command line keeps its run too
    assert code == 1
    shown = as_ops.data(CHECK)["ledgerCheck"]
    assert shown["ok"] is False and shown["ranBy"] == "command line (robo ledger verify)"
    assert any("balance 10001 but its postings sum to 10000" in problem for problem in shown["problems"])


def test_ledger_checks_at_the_same_time_each_keep_their_result(db, clock, ready_user):
    ready_user(deposit="100")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(
            pool.map(lambda n: ledger_service.run_check(database=db, clock=clock, ran_by=f"run {n}"), range(8))
        )
    assert all(result.ok for result in results) and len({result.id for result in results}) == 8
    with db.read() as session:
        latest = ledger_service.latest_check(session)
    assert latest is not None and latest.ok and latest.id == max(result.id for result in results)


# --- disputes and product change requests ----------------------------------------------------

CHANGES = """query($status: ProductChangeRequestStatus) { productChangeRequests(status: $status) {
  totalCount nodes { id status productId requestedBy decidedBy changes { field after } } } }"""
UPDATE = """mutation($i: UpdateProductInput!) { updateProduct(input: $i) { changeRequest { id status } userErrors { code } } }"""
APPROVE = """mutation($i: ApproveProductChangeInput!) { approveProductChange(input: $i) { userErrors { code } } }"""
REJECT = """mutation($i: RejectProductChangeInput!) { rejectProductChange(input: $i) {
  changeRequest { status } userErrors { code } } }"""


def test_change_requests_are_listed_and_approved_or_rejected_by_another_manager(
    catalogue, as_pm1, as_pm2, as_ops, as_customer
):
    product = gid("Product", catalogue.on_sale(ProductKind.EQUITY_FUND))
    proposed = as_pm1.data(UPDATE, {"i": {"productId": product, "subscriptionFeeRate": "0.01"}})["updateProduct"]
    request = proposed["changeRequest"]["id"]
    assert proposed["changeRequest"]["status"] == "PENDING"

    waiting = as_ops.data(CHANGES)["productChangeRequests"]  # operators see the queue too
    assert waiting["totalCount"] == 1
    assert [(n["id"], n["productId"], n["requestedBy"]) for n in waiting["nodes"]] == [
        (request, product, "pm1@example.com")
    ]
    assert as_customer.execute(CHANGES)["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    assert as_pm2.data(APPROVE, {"i": {"changeRequestId": request}})["approveProductChange"]["userErrors"] == []
    assert as_pm2.data(CHANGES)["productChangeRequests"]["totalCount"] == 0
    decided = as_pm2.data(CHANGES, {"status": "APPROVED"})["productChangeRequests"]["nodes"]
    assert [(n["id"], n["decidedBy"]) for n in decided] == [(request, "pm2@example.com")]

    second = as_pm1.data(UPDATE, {"i": {"productId": product, "subscriptionFeeRate": "0.02"}})["updateProduct"]
    rejected = as_pm2.data(REJECT, {"i": {"changeRequestId": second["changeRequest"]["id"]}})["rejectProductChange"]
    assert rejected == {"changeRequest": {"status": "REJECTED"}, "userErrors": []}
    assert as_pm1.data(CHANGES)["productChangeRequests"]["totalCount"] == 0
