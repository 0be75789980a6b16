"""Staff operations of the web console over GraphQL.

- ``importProductHistory`` (product managers): a NAV / income history CSV sent as a file by
  the GraphQL multipart request convention (the ``Upload`` scalar), read by the same code as
  ``robo products import-history`` (``products.history.parse_csv`` and ``import_history``):
  all lines or none, one ``userErrors`` entry per bad line (field ``file``, the message naming
  the line and column), audited under the signed-in manager.
- ``pendingWithdrawals`` and ``settleWithdrawals(ids, failIds)`` (operators): the simulated
  bank of ``robo bank``; settling is all or nothing and safe to retry (``wallet.bank``).
- ``ledgerCheck`` and ``runLedgerCheck`` (operators): the latest result of ``robo ledger
  verify``; ``runLedgerCheck`` runs the check synchronously (a few set-based queries) and
  returns the result it stored (``ledger.checks``).

Queries answer a FORBIDDEN error (and null) for anybody else; mutations a FORBIDDEN
``userErrors`` entry.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from api.errors import UserError
from api.graphql.money import Money
from api.graphql.node import Node, fetches
from api.graphql.product_types import ProductKind
from api.graphql.wallet import TransactionStatus
from api.ids import global_id, node_key
from api.mutations import run_mutation, run_request
from api.pagination import Connection, build_connection, counter, page_request
from core.errors import CommonErrorCode, DomainError, raise_all, t
from ledger import service as ledger_service
from products import service as products_service
from products.service import Actor
from users.roles import Role
from wallet import service as wallet_service

OPERATORS = (Role.OPERATOR,)
WITHDRAWAL_KINDS = ("Withdrawal", "WalletTransaction")  # the operators' id, or the customer's line
NO_SUCH_WITHDRAWAL = t("No such withdrawal.", "找不到这笔提现。")


# --- withdrawals -----------------------------------------------------------------------------


@strawberry.type(description="The customer of a withdrawal, as operators see them (the name masked).")
class WithdrawalCustomer:
    id: strawberry.ID = strawberry.field(description="The user's global id.")
    masked_name: str = strawberry.field(description="The display name masked (李四 -> *四, Alice -> A***e).")


@strawberry.type(description="A withdrawal to a bank card, as operators see it (the simulated bank's queue).")
class Withdrawal(Node):
    status: TransactionStatus = strawberry.field(description="PENDING until the bank answers: COMPLETED or FAILED.")
    amount: Money
    user: WithdrawalCustomer
    bank_name: str | None
    card_last4: str | None
    requested_at: datetime
    answered_at: datetime | None = strawberry.field(description="When the bank answered (null while pending).")

    @strawberry.field(
        description="Whole hours the withdrawal has waited for the bank: until now while pending, else until the answer."
    )
    def age_hours(self, info: Info) -> int:
        end = self.answered_at or info.context.clock.now()
        return max(0, int((end - self.requested_at).total_seconds() // 3600))

    @classmethod
    def of(cls, view: wallet_service.WithdrawalView) -> Withdrawal:
        return cls(
            id=global_id("Withdrawal", view.id),
            status=view.status,
            amount=Money.of_minor(view.amount, view.asset),
            user=WithdrawalCustomer(id=global_id("User", view.user_id), masked_name=view.masked_name),
            bank_name=view.bank_name,
            card_last4=view.card_last4,
            requested_at=view.requested_at,
            answered_at=view.answered_at,
        )


@fetches("Withdrawal")
def _fetch_withdrawal(info: Info, key: int) -> Withdrawal | None:
    info.context.require_role(*OPERATORS)
    with info.context.db.read() as session:
        view = wallet_service.withdrawals(session, [key]).get(key)
    return None if view is None else Withdrawal.of(view)


@strawberry.type
class SettleWithdrawalsPayload:
    completed: list[Withdrawal] = strawberry.field(
        default_factory=list, description="Withdrawals the bank completed (including any completed before a retry)."
    )
    failed: list[Withdrawal] = strawberry.field(
        default_factory=list, description="Withdrawals the bank refused: their money is back in the wallet."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _withdrawal_keys(ids: list[strawberry.ID], argument: str) -> dict[int, str]:
    """The keys of the withdrawals named by ``ids``, each with the argument it came from."""
    keys: dict[int, str] = {}
    problems: list[DomainError] = []
    for index, value in enumerate(ids):
        field = f"{argument}.{index}"
        try:
            keys.setdefault(node_key(value, WITHDRAWAL_KINDS, field=field, message=NO_SUCH_WITHDRAWAL), field)
        except DomainError as error:
            problems.append(error)
    raise_all(problems)
    return keys


# --- ledger checks ---------------------------------------------------------------------------


@strawberry.type(description="The result of one run of the ledger's verification (robo ledger verify).")
class LedgerCheck:
    ran_at: datetime = strawberry.field(description="When the check read the ledger (one consistent snapshot).")
    ran_by: str = strawberry.field(description="Who ran it: an operator's email, or the command line.")
    ok: bool = strawberry.field(description="Every invariant held.")
    problems: list[str] = strawberry.field(description="What is wrong, in English (empty when ok).")

    @classmethod
    def of(cls, result: ledger_service.CheckResult) -> LedgerCheck:
        return cls(ran_at=result.ran_at, ran_by=result.ran_by, ok=result.ok, problems=list(result.problems))


@strawberry.type
class RunLedgerCheckPayload:
    ledger_check: LedgerCheck | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


# --- history import --------------------------------------------------------------------------


@strawberry.input
class ImportProductHistoryInput:
    file: Upload = strawberry.field(
        description="The CSV file (multipart upload), UTF-8 with a header product_code,date,nav | "
        "product_code,date,income_per_10k | product_code,date,value and one point a line."
    )


@strawberry.type(description="What an import loaded for one product.")
class ImportedHistory:
    code: str
    kind: ProductKind
    loaded: int = strawberry.field(description="New points stored.")
    already_stored: int = strawberry.field(description="Points the platform had with the same value (skipped).")
    first_date: date | None
    last_date: date | None


@strawberry.type
class ImportProductHistoryPayload:
    products: list[ImportedHistory] = strawberry.field(default_factory=list)
    loaded: int | None = strawberry.field(default=None, description="New points stored in all.")
    already_stored: int | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _upload_bytes(upload: object) -> bytes:
    """The content of an uploaded file (starlette's ``UploadFile``), read in the worker thread."""
    handle = getattr(upload, "file", None)
    if handle is None or not hasattr(handle, "read"):
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(
                "Send the CSV as a file (a GraphQL multipart request).",
                "请以文件形式上传 CSV（GraphQL multipart 请求）。",
            ),
            products_service.IMPORT_FIELD,
        )
    handle.seek(0)
    return handle.read()


# --- root fields -----------------------------------------------------------------------------


@strawberry.type
class StaffQuery:
    @strawberry.field(
        description="Operators: withdrawals waiting for the bank, oldest first (null with FORBIDDEN for anybody else)."
    )
    def pending_withdrawals(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Withdrawal] | None:
        ctx = info.context
        ctx.require_role(*OPERATORS)
        request = page_request(first, after, max_page_size=ctx.settings.max_page_size, cursor=(int,))
        after_id = None if request.after is None else request.after[0]
        with ctx.db.read() as session:
            rows = wallet_service.pending_withdrawals(session, limit=request.limit + 1, after_id=after_id)
        return build_connection(
            rows,
            request,
            key=lambda view: [view.id],
            node=Withdrawal.of,
            count=counter(ctx.db, wallet_service.count_pending_withdrawals),
        )

    @strawberry.field(
        description="Operators: the latest ledger verification (robo ledger verify or runLedgerCheck); "
        "null before the first run."
    )
    def ledger_check(self, info: Info) -> LedgerCheck | None:
        ctx = info.context
        ctx.require_role(*OPERATORS)
        with ctx.db.read() as session:
            result = ledger_service.latest_check(session)
        return None if result is None else LedgerCheck.of(result)


@strawberry.type
class StaffMutation:
    @strawberry.mutation(
        description="Operators: the simulated bank's answers. `ids` completed, `failIds` refused (money returned; an "
        "id in both counts as refused). All or nothing; retrying is safe: a withdrawal that already has the answer "
        "asked for is reported again, never paid twice."
    )
    async def settle_withdrawals(
        self, info: Info, ids: list[strawberry.ID], fail_ids: list[strawberry.ID] | None = None
    ) -> SettleWithdrawalsPayload:
        ctx = info.context

        def action(session, viewer):
            completed, failed = _withdrawal_keys(ids, "ids"), _withdrawal_keys(fail_ids or [], "failIds")
            settled = wallet_service.settle_withdrawals(
                session=session,
                clock=ctx.clock,
                completed=list(completed),
                failed=list(failed),
                fields={**completed, **failed},
            )
            views = wallet_service.withdrawals(session, settled.completed + settled.failed)
            return {
                "completed": [Withdrawal.of(views[key]) for key in settled.completed],
                "failed": [Withdrawal.of(views[key]) for key in settled.failed],
            }

        return await run_mutation(info, SettleWithdrawalsPayload, None, action, roles=OPERATORS)

    @strawberry.mutation(
        description="Operators: verify the ledger now (synchronously) and return the result, which ledgerCheck "
        "shows from then on."
    )
    async def run_ledger_check(self, info: Info) -> RunLedgerCheckPayload:
        ctx = info.context

        def call(viewer):
            result = ledger_service.run_check(database=ctx.db, clock=ctx.clock, ran_by=viewer.email)
            return {"ledger_check": LedgerCheck.of(result)}

        return await run_request(info, RunLedgerCheckPayload, None, call, roles=OPERATORS)

    @strawberry.mutation(
        description="Product managers: load NAV / income history from a CSV file (multipart upload), all lines or "
        "none, as robo products import-history does; every bad line is a userErrors entry (field file); audited."
    )
    async def import_product_history(self, info: Info, input: ImportProductHistoryInput) -> ImportProductHistoryPayload:
        ctx = info.context

        def action(session, viewer):
            rows = products_service.parse_csv(products_service.decode_file(_upload_bytes(input.file)))
            summary = products_service.import_history(
                session=session, clock=ctx.clock, actor=Actor.user(viewer.id, viewer.email), rows=rows
            )
            return {
                "products": [
                    ImportedHistory(
                        code=item.code,
                        kind=item.kind,
                        loaded=item.loaded,
                        already_stored=item.unchanged,
                        first_date=item.first,
                        last_date=item.last,
                    )
                    for item in summary.products
                ],
                "loaded": summary.loaded,
                "already_stored": summary.unchanged,
            }

        return await run_mutation(info, ImportProductHistoryPayload, input, action, roles=(Role.PRODUCT_MANAGER,))
