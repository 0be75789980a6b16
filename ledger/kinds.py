"""The ledger's vocabulary: assets, account purposes, journal-entry kinds and the kinds and
statuses of the users' transaction history. Stored as their string values."""

from __future__ import annotations

from enum import StrEnum

from core.money import UNITS_PLACES, exponent

CNY = "CNY"
FUND_ASSET_PREFIX = "FUND:"


def fund_asset(product_id: int) -> str:
    """The ledger asset of one fund's units (used by the investing side)."""
    return f"{FUND_ASSET_PREFIX}{product_id}"


def asset_places(asset: str) -> int:
    """Decimal places of one minor unit of ``asset``: a currency's exponent, or 2 for units."""
    if asset.startswith(FUND_ASSET_PREFIX):
        return UNITS_PLACES
    return exponent(asset)


class Purpose(StrEnum):
    """What an account is for. User accounts: CASH, FUND_UNITS. The others are system
    accounts (no owner; may go negative; balance derived from postings)."""

    CASH = "CASH"
    FUND_UNITS = "FUND_UNITS"
    BANK_CLEARING = "BANK_CLEARING"
    WITHDRAWALS_IN_TRANSIT = "WITHDRAWALS_IN_TRANSIT"
    ESCROW = "ESCROW"
    FEES = "FEES"
    FUND_SETTLEMENT = "FUND_SETTLEMENT"
    INCOME = "INCOME"
    # The funds' side of orders (investing): cash paid into funds and units they issued.
    FUND_ISSUER = "FUND_ISSUER"
    # The small-loan company (lending), in the credit-positive convention of this ledger
    # (BANK_CLEARING, the money at the bank, is negative): capital, bank borrowing and income
    # are positive; loans receivable (one shard per loan, so a loan can later move to an ABS
    # pool in one entry) and the provision expense negative. The lender's cash is the sum of
    # its accounts (``lending.book``).
    LENDER_CAPITAL = "LENDER_CAPITAL"
    LENDER_BANK_BORROWING = "LENDER_BANK_BORROWING"
    LOANS_RECEIVABLE = "LOANS_RECEIVABLE"
    INTEREST_INCOME = "INTEREST_INCOME"
    PENALTY_INCOME = "PENALTY_INCOME"
    LOAN_PROVISIONS = "LOAN_PROVISIONS"
    PROVISION_EXPENSE = "PROVISION_EXPENSE"
    LOAN_RECOVERIES = "LOAN_RECOVERIES"
    # The lender's retained ABS tranches (negative: an investment) and what they paid it.
    LENDER_ABS_RETAINED = "LENDER_ABS_RETAINED"
    LENDER_ABS_INCOME = "LENDER_ABS_INCOME"
    # ABS pools (securitisation; shard = the pool's id unless said otherwise). The pool's
    # cash is the sum of its accounts, as the lender's is: the receivables of the loans it
    # owns (negative; lending credits them when borrowers repay principal), the interest
    # collected (lending credits it) and not yet paid out, recoveries on written-off loans
    # (lending credits them), write-offs (lending, at 180 days past due), losses recognised
    # (covered by excess spread or written down on the tranches), the reserve, and each
    # tranche's principal owed to its holders (ABS_TRANCHE, shard = the tranche's id).
    ABS_POOL_LOANS = "ABS_POOL_LOANS"
    ABS_POOL_INTEREST = "ABS_POOL_INTEREST"
    ABS_POOL_RECOVERIES = "ABS_POOL_RECOVERIES"
    ABS_POOL_WRITE_OFFS = "ABS_POOL_WRITE_OFFS"
    ABS_POOL_LOSSES = "ABS_POOL_LOSSES"
    ABS_POOL_RESERVE = "ABS_POOL_RESERVE"
    ABS_TRANCHE = "ABS_TRANCHE"
    # A guarantee company's own account (shard = the pool's id): its net assets paid in, less
    # what it paid the senior holders.
    ABS_GUARANTOR = "ABS_GUARANTOR"


class EntryKind(StrEnum):
    DEPOSIT = "DEPOSIT"
    WITHDRAWAL = "WITHDRAWAL"
    WITHDRAWAL_SETTLEMENT = "WITHDRAWAL_SETTLEMENT"
    WITHDRAWAL_REVERSAL = "WITHDRAWAL_REVERSAL"
    PAYMENT = "PAYMENT"
    ESCROW_HOLD = "ESCROW_HOLD"
    ESCROW_RELEASE = "ESCROW_RELEASE"
    ESCROW_REFUND = "ESCROW_REFUND"
    # investing
    SUBSCRIPTION = "SUBSCRIPTION"
    SUBSCRIPTION_CONFIRMATION = "SUBSCRIPTION_CONFIRMATION"
    SUBSCRIPTION_REFUND = "SUBSCRIPTION_REFUND"
    REDEMPTION = "REDEMPTION"
    REDEMPTION_CONFIRMATION = "REDEMPTION_CONFIRMATION"
    REDEMPTION_CANCELLATION = "REDEMPTION_CANCELLATION"
    REDEMPTION_SETTLEMENT = "REDEMPTION_SETTLEMENT"
    FAST_REDEMPTION = "FAST_REDEMPTION"
    INCOME = "INCOME"
    INCOME_REVERSAL = "INCOME_REVERSAL"
    LOAN_PAYMENT = "LOAN_PAYMENT"
    NAV_CORRECTION = "NAV_CORRECTION"
    SWITCH_CONFIRMATION = "SWITCH_CONFIRMATION"  # a fund switch (转换): units of one fund for another's
    # lending
    LENDER_FUNDING = "LENDER_FUNDING"
    LOAN_DRAWDOWN = "LOAN_DRAWDOWN"
    LOAN_REPAYMENT = "LOAN_REPAYMENT"
    LOAN_PROVISION = "LOAN_PROVISION"
    LOAN_WRITE_OFF = "LOAN_WRITE_OFF"
    LOAN_RECOVERY = "LOAN_RECOVERY"
    DISTRIBUTION = "DISTRIBUTION"  # a fund's dividend paid in cash or reinvested
    # securitisation
    ABS_POOL_SALE = "ABS_POOL_SALE"  # loans sold to a pool at par (true sale), the tranches issued
    ABS_WATERFALL = "ABS_WATERFALL"  # a pool's monthly waterfall
    ABS_GUARANTOR_FUNDING = "ABS_GUARANTOR_FUNDING"


class TransactionKind(StrEnum):
    DEPOSIT = "DEPOSIT"
    WITHDRAWAL = "WITHDRAWAL"
    PAYMENT_SENT = "PAYMENT_SENT"
    PAYMENT_RECEIVED = "PAYMENT_RECEIVED"
    ESCROW_HOLD = "ESCROW_HOLD"
    ESCROW_RELEASE = "ESCROW_RELEASE"
    ESCROW_REFUND = "ESCROW_REFUND"
    # investing (amounts in CNY; money-fund income counts its units at the NAV of 1.00)
    SUBSCRIPTION = "SUBSCRIPTION"  # cash into a fund order (net of the fee)
    SUBSCRIPTION_REFUND = "SUBSCRIPTION_REFUND"  # a cancelled or failed subscription's cash back
    REDEMPTION = "REDEMPTION"  # redemption proceeds (before the fee)
    FEE = "FEE"  # a subscription or redemption fee
    INCOME = "INCOME"  # money-fund income, reinvested as units
    NEGATIVE_INCOME = "NEGATIVE_INCOME"  # a money-fund day that lost money
    COUPON = "COUPON"  # interest of a loan product
    PRINCIPAL = "PRINCIPAL"  # principal of a loan product repaid
    # a pool-backed ABS unit's loss: units retired without payment (no cash; the amount is the
    # principal written down, units at 1.00), and a guarantor's cash for part of that loss
    WRITE_DOWN = "WRITE_DOWN"
    GUARANTOR_PAYMENT = "GUARANTOR_PAYMENT"
    PRICE_CORRECTION = "PRICE_CORRECTION"  # more redemption cash after a corrected NAV
    SWITCH = "SWITCH"  # a fund switch (转换): the proceeds of one fund bought another (no wallet cash)
    # lending
    LOAN_DRAWDOWN = "LOAN_DRAWDOWN"  # a loan paid into the borrower's wallet
    LOAN_REPAYMENT = "LOAN_REPAYMENT"  # an instalment, an early repayment or a recovery
    DIVIDEND = "DIVIDEND"  # a fund's distribution paid in cash


class TransactionStatus(StrEnum):
    PENDING = "PENDING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
