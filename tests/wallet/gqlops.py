"""The GraphQL documents the wallet tests send (as a client would)."""

PAYMENT_FIELDS = "payment { id status amount { amount currency } guarantee autoConfirmAt payee { id } } userErrors { field message code }"
TRANSFER_FIELDS = (
    "transaction { id kind status amount { amount currency } } "
    "wallet { balance { amount } available { amount } held { amount } } userErrors { field message code }"
)

VERIFY = "mutation($i: VerifyIdentityInput!) { verifyIdentity(input: $i) { identity { realName idNumberMasked } userErrors { field message code } } }"
BIND = "mutation($i: BindBankCardInput!) { bindBankCard(input: $i) { bankCard { id last4 maskedNumber holderName } userErrors { field message code } } }"
SET_PASSWORD = (
    "mutation($i: SetPaymentPasswordInput!) { setPaymentPassword(input: $i) { ok userErrors { field message code } } }"
)
DEPOSIT = "mutation($i: DepositInput!) { deposit(input: $i) { %s } }" % TRANSFER_FIELDS
WITHDRAW = "mutation($i: WithdrawInput!) { withdraw(input: $i) { %s } }" % TRANSFER_FIELDS
PAY = "mutation($i: PayInput!) { pay(input: $i) { %s } }" % PAYMENT_FIELDS
CONFIRM = "mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { %s } }" % PAYMENT_FIELDS
REFUND = "mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { %s } }" % PAYMENT_FIELDS
REQUEST_REFUND = "mutation($i: RequestRefundInput!) { requestRefund(input: $i) { %s } }" % PAYMENT_FIELDS
DECLINE_REFUND = "mutation($i: DeclineRefundInput!) { declineRefund(input: $i) { %s } }" % PAYMENT_FIELDS
WITHDRAW_REQUEST = (
    "mutation($i: WithdrawRefundRequestInput!) { withdrawRefundRequest(input: $i) { %s } }" % PAYMENT_FIELDS
)
EXTEND_HOLD = "mutation($i: ExtendPaymentHoldInput!) { extendPaymentHold(input: $i) { %s } }" % PAYMENT_FIELDS
RESOLVE = "mutation($i: ResolveDisputeInput!) { resolveDispute(input: $i) { %s } }" % PAYMENT_FIELDS
WALLET = "{ wallet { balance { amount currency } available { amount } held { amount } } }"
PAYMENT = "query($id: ID!) { payment(id: $id) { id status amount { amount } guarantee payer { id } payee { id } } }"


def wallet_of(client) -> dict:
    w = client.data(WALLET)["wallet"]
    return {"balance": w["balance"]["amount"], "available": w["available"]["amount"], "held": w["held"]["amount"]}


def mutate(client, document: str, **values) -> dict:
    """The payload of a one-mutation document."""
    data = client.data(document, {"i": values})
    return next(iter(data.values()))
