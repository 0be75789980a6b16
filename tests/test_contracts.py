"""The GraphQL contracts of issues 2-7, written as the issues write them.

Frontends and outside checks send exactly these documents, so each one must validate
against the served schema (graphql-core's rules plus our depth, alias and token limits),
or a client breaks. Where an issue lists a field without its subfields and the field is an
object (``Money``, a payload's ``user``), the selection names a few of its fields; where
an issue gives no selection at all, ``__typename`` stands in for it.

A contract of an issue that has not landed yet goes into ``NOT_LANDED`` with its reason: it
is then expected to fail (``xfail(strict=True)``), and turns into a failure as soon as the
operation exists, so the entry is removed when the issue lands.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from graphql import Undefined, parse, validate

from api.extensions import DocumentPolicy
from api.schema import build_schema
from tests.conftest import test_settings

SETTINGS = test_settings()
SCHEMA = build_schema(SETTINGS)._schema
POLICY = DocumentPolicy(
    max_depth=SETTINGS.max_query_depth,
    max_aliases=SETTINGS.max_aliases,
    max_tokens=SETTINGS.max_tokens,
    introspection=True,
    cache_size=16,
)

ERRORS = "userErrors { field message code }"
MONEY = "{ amount currency }"

ISSUE_2 = {
    "register": f"""
        mutation Register($email: String!, $password: String!, $displayName: String) {{
          register(input: {{email: $email, password: $password, displayName: $displayName}}) {{
            user {{ id email displayName roles }} token {ERRORS}
          }}
        }}""",
    "login": f"""
        mutation Login($email: String!, $password: String!) {{
          login(input: {{email: $email, password: $password}}) {{ user {{ id email locale }} token {ERRORS} }}
        }}""",
    "me": "query Me { me { id email displayName roles locale } }",
    "refreshToken": f"""
        mutation Refresh($refreshToken: String!) {{
          refreshToken(input: {{refreshToken: $refreshToken}}) {{ token refreshToken {ERRORS} }}
        }}""",
    "logout": f"mutation Logout {{ logout {{ {ERRORS} }} }}",
    "changePassword": f"""
        mutation ChangePassword($currentPassword: String!, $newPassword: String!) {{
          changePassword(input: {{currentPassword: $currentPassword, newPassword: $newPassword}}) {{ {ERRORS} }}
        }}""",
    "updateProfile": f"""
        mutation UpdateProfile($displayName: String, $locale: String) {{
          updateProfile(input: {{displayName: $displayName, locale: $locale}}) {{ user {{ displayName locale }} {ERRORS} }}
        }}""",
}

ISSUE_3 = {
    "riskQuestionnaire": """
        query Questionnaire($locale: String) {
          riskQuestionnaire(locale: $locale) {
            id version locale questions { id section text kind options { id text } minValue maxValue }
          }
        }""",
    "submitRiskAssessment": f"""
        mutation Submit($questionnaireId: String!, $locale: String, $questionId: String!, $optionId: String,
                        $optionIds: [String!], $value: Decimal) {{
          submitRiskAssessment(input: {{questionnaireId: $questionnaireId, locale: $locale,
              answers: [{{questionId: $questionId, optionId: $optionId, optionIds: $optionIds, value: $value}}]}}) {{
            assessment {{ id riskCategory capacityScore willingnessScore lowestCategory flags status expiresAt explanation }}
            {ERRORS}
          }}
        }}""",
    "me riskProfile riskAssessments": f"""
        query Profile($first: Int, $after: String) {{
          me {{
            riskProfile {{ riskCategory status expiresAt flags qualifiedInvestor horizonMonths liquidityNeed {MONEY} }}
            riskAssessments(first: $first, after: $after) {{
              edges {{ cursor node {{ id riskCategory status }} }} pageInfo {{ hasNextPage endCursor }}
            }}
          }}
        }}""",
    "suitability": """
        query Suitability($level: RiskLevel!, $qualifiedInvestorsOnly: Boolean) {
          suitability(productRiskLevel: $level, qualifiedInvestorsOnly: $qualifiedInvestorsOnly) {
            decision reason warning { id text }
          }
        }""",
    "suitability without qualifiedInvestorsOnly": """
        query { suitability(productRiskLevel: R3) { decision reason warning { id text } } }""",
}

FIGURES = f"""figures(amount: $amount) {{
    expectedAnnualReturn typicalRange {{ low high }} badYearLoss {{ fraction amount {MONEY} }} volatility maxDrawdown
    liquidity {{ kind availableAfterDays }} asOf
}}"""
PRODUCT_PAYLOAD = f"product {{ id code status riskLevel }} {ERRORS}"

ISSUE_4 = {
    "products": f"""
        query Products($first: Int, $after: String, $kind: ProductKind, $maxRiskLevel: RiskLevel,
                       $liquidity: LiquidityKind, $sortBy: ProductSortBy!, $amount: Decimal) {{
          products(first: $first, after: $after, kind: $kind, maxRiskLevel: $maxRiskLevel, liquidity: $liquidity,
                   sortBy: $sortBy) {{
            edges {{ cursor node {{ id code kind riskLevel {FIGURES} }} }} pageInfo {{ hasNextPage endCursor }}
          }}
        }}""",
    "product with kind-specific fields": f"""
        query Product($id: ID!, $first: Int, $after: String, $amount: Decimal) {{
          product(id: $id) {{
            id kind sevenDayAnnualizedYield incomePer10kUnits
            navHistory(first: $first, after: $after) {{ edges {{ node {{ date nav }} }} }}
            absTerms {{ couponRate termMonths revolvingMonths defaultProbability lossGivenDefault creditEnhancement
                        earlyAmortisationTrigger }}
            p2pTerms {{ annualRate termMonths repaymentMethod defaultProbability recoveryRate lossCover earlyExit }}
            {FIGURES}
          }}
        }}""",
    "figures with the default amount": """
        query { products(first: 1) { nodes { figures { expectedAnnualReturn badYearLoss { fraction } } } } }""",
    "catalogueVersion": "query { catalogueVersion }",
    "createProduct": f"""
        mutation Create($input: CreateProductInput!) {{ createProduct(input: $input) {{ {PRODUCT_PAYLOAD} }} }}""",
    "updateProduct": f"""
        mutation Update($input: UpdateProductInput!) {{ updateProduct(input: $input) {{ {PRODUCT_PAYLOAD} }} }}""",
    "changeProductStatus": f"""
        mutation Change($productId: ID!, $status: ProductStatus!) {{
          changeProductStatus(input: {{productId: $productId, status: $status}}) {{ {PRODUCT_PAYLOAD} }}
        }}""",
    "approveProductStatusChange": f"""
        mutation Approve($productId: ID!) {{
          approveProductStatusChange(input: {{productId: $productId}}) {{ {PRODUCT_PAYLOAD} }}
        }}""",
    "recordNav": f"""
        mutation RecordNav($productId: ID!, $date: Date!, $nav: NavValue!) {{
          recordNav(input: {{productId: $productId, date: $date, nav: $nav}}) {{ {PRODUCT_PAYLOAD} }}
        }}""",
    "recordMoneyFundIncome": f"""
        mutation RecordIncome($productId: ID!, $date: Date!, $incomePer10kUnits: NavValue!) {{
          recordMoneyFundIncome(input: {{productId: $productId, date: $date, incomePer10kUnits: $incomePer10kUnits}}) {{
            {PRODUCT_PAYLOAD}
          }}
        }}""",
    "productAuditLog": """
        query Audit($productId: ID!, $first: Int, $after: String) {
          productAuditLog(productId: $productId, first: $first, after: $after) {
            edges { node { id at actor action changes { field before after } } } pageInfo { hasNextPage endCursor }
          }
        }""",
}

WALLET = f"wallet {{ balance {MONEY} available {MONEY} held {MONEY} }}"
TRANSACTION = f"transaction {{ id kind status amount {MONEY} }}"
PAYMENT = f"payment {{ id status amount {MONEY} guarantee autoConfirmAt }}"

ISSUE_5 = {
    "verifyIdentity": f"""
        mutation Verify($realName: String!, $idNumber: String!) {{
          verifyIdentity(input: {{realName: $realName, idNumber: $idNumber}}) {{ {ERRORS} }}
        }}""",
    "bindBankCard": f"""
        mutation Bind($cardNumber: String!, $holderName: String!, $bankName: String!) {{
          bindBankCard(input: {{cardNumber: $cardNumber, holderName: $holderName, bankName: $bankName}}) {{ {ERRORS} }}
        }}""",
    "setPaymentPassword": f"""
        mutation SetPassword($paymentPassword: String!) {{
          setPaymentPassword(input: {{paymentPassword: $paymentPassword}}) {{ {ERRORS} }}
        }}""",
    "deposit": f"""
        mutation Deposit($amount: MoneyAmount!, $idempotencyKey: String!) {{
          deposit(input: {{amount: $amount, idempotencyKey: $idempotencyKey}}) {{ {TRANSACTION} {WALLET} {ERRORS} }}
        }}""",
    "withdraw": f"""
        mutation Withdraw($amount: MoneyAmount!, $idempotencyKey: String!, $paymentPassword: String) {{
          withdraw(input: {{amount: $amount, idempotencyKey: $idempotencyKey, paymentPassword: $paymentPassword}}) {{
            {TRANSACTION} {WALLET} {ERRORS}
          }}
        }}""",
    "pay": f"""
        mutation Pay($payee: String!, $amount: MoneyAmount!, $memo: String, $idempotencyKey: String!,
                     $guarantee: Boolean!, $autoConfirmDays: Int) {{
          pay(input: {{payee: $payee, amount: $amount, memo: $memo, idempotencyKey: $idempotencyKey,
                       guarantee: $guarantee, autoConfirmDays: $autoConfirmDays}}) {{ {PAYMENT} {ERRORS} }}
        }}""",
    "confirmPayment": f"""
        mutation Confirm($paymentId: ID!) {{ confirmPayment(input: {{paymentId: $paymentId}}) {{ {PAYMENT} {ERRORS} }} }}""",
    "refundPayment": f"""
        mutation Refund($paymentId: ID!, $reason: String!) {{
          refundPayment(input: {{paymentId: $paymentId, reason: $reason}}) {{ {PAYMENT} {ERRORS} }}
        }}""",
    "requestRefund": f"""
        mutation RequestRefund($paymentId: ID!, $reason: String!) {{
          requestRefund(input: {{paymentId: $paymentId, reason: $reason}}) {{ {ERRORS} }}
        }}""",
    "declineRefund": f"""
        mutation Decline($paymentId: ID!) {{ declineRefund(input: {{paymentId: $paymentId}}) {{ {ERRORS} }} }}""",
    "resolveDispute": f"""
        mutation Resolve($paymentId: ID!) {{
          release: resolveDispute(input: {{paymentId: $paymentId, outcome: RELEASE}}) {{ {ERRORS} }}
          refund: resolveDispute(input: {{paymentId: $paymentId, outcome: REFUND}}) {{ {ERRORS} }}
        }}""",
    "wallet": f"""
        query Wallet($first: Int, $after: String) {{
          wallet {{
            balance {MONEY} available {MONEY} held {MONEY}
            transactions(first: $first, after: $after) {{
              edges {{ cursor node {{ id kind status amount {MONEY} }} }} pageInfo {{ hasNextPage endCursor }}
            }}
          }}
        }}""",
    "payment": f"query Payment($id: ID!) {{ payment(id: $id) {{ id status amount {MONEY} guarantee autoConfirmAt }} }}",
}

RECOMMENDATION_FIELDS = f"""
    id riskCategory
    allocations {{ product {{ id name kind riskLevel }} weight amount {MONEY} }}
    expectedAnnualReturn typicalRange {{ low high }} badYearLoss {{ fraction amount {MONEY} }} probabilityOfLoss
    sameDayAvailable {MONEY} earliestFullWithdrawal goalProbability explanation catalogueVersion createdAt
"""

ISSUE_6 = {
    # Literal inputs (decimal strings, as the issue says), whichever decimal scalar they use.
    "requestRecommendation": f"""
        mutation Recommend {{
          requestRecommendation(input: {{amount: "10000", horizonMonths: 36, liquidityNeed: "2000",
                                         goalAmount: "15000"}}) {{
            recommendation {{ {RECOMMENDATION_FIELDS} }} {ERRORS}
          }}
        }}""",
    "recommendation": f"""
        query Recommendation($id: ID!) {{ recommendation(id: $id) {{ {RECOMMENDATION_FIELDS} }} }}""",
    "efficientFrontier": "query Frontier($points: Int!) { efficientFrontier(points: $points) { __typename } }",
}

ORDER = f"order {{ id status fee {MONEY} expectedUnits }}"

ISSUE_7 = {
    "subscribe": f"""
        mutation Subscribe($productId: ID!, $amount: MoneyAmount!, $idempotencyKey: String!,
                           $acknowledgedWarningId: String, $paymentPassword: String) {{
          subscribe(input: {{productId: $productId, amount: $amount, idempotencyKey: $idempotencyKey,
                             acknowledgedWarningId: $acknowledgedWarningId, paymentPassword: $paymentPassword}}) {{
            {ORDER} {ERRORS}
          }}
        }}""",
    "redeem": f"""
        mutation Redeem($productId: ID!, $units: UnitAmount, $amount: MoneyAmount, $fast: Boolean!,
                        $idempotencyKey: String!, $paymentPassword: String) {{
          redeem(input: {{productId: $productId, units: $units, amount: $amount, fast: $fast,
                          idempotencyKey: $idempotencyKey, paymentPassword: $paymentPassword}}) {{ {ORDER} {ERRORS} }}
        }}""",
    "cancelOrder": f"""
        mutation Cancel($orderId: ID!) {{ cancelOrder(input: {{orderId: $orderId}}) {{ {ORDER} {ERRORS} }} }}""",
    "me portfolio": f"""
        query Portfolio($first: Int, $after: String) {{
          me {{
            portfolio {{
              totalValue {MONEY} cash {MONEY}
              holdings {{ product {{ id name }} units value {MONEY} costBasis {MONEY} unrealizedGain {MONEY}
                          yesterdayIncome {MONEY} cumulativeIncome {MONEY} }}
              orders(first: $first, after: $after) {{ edges {{ node {{ id status }} }} pageInfo {{ hasNextPage endCursor }} }}
            }}
          }}
        }}""",
    "runDailyJob": f"""
        mutation Run($date: Date!) {{
          confirm: runDailyJob(input: {{job: CONFIRM_ORDERS, date: $date}}) {{ {ERRORS} }}
          accrue: runDailyJob(input: {{job: ACCRUE_INCOME, date: $date}}) {{ {ERRORS} }}
          loans: runDailyJob(input: {{job: PROCESS_LOANS, date: $date}}) {{ {ERRORS} }}
          escrow: runDailyJob(input: {{job: RELEASE_ESCROWS, date: $date}}) {{ {ERRORS} }}
        }}""",
    "recordCreditEvent": f"""
        mutation Credit($productId: ID!, $date: Date!, $defaultedFraction: Decimal!) {{
          recordCreditEvent(input: {{productId: $productId, date: $date, defaultedFraction: $defaultedFraction}}) {{
            {ERRORS}
          }}
        }}""",
    "correctMoneyFundIncome": f"""
        mutation Correct($productId: ID!, $date: Date!, $incomePer10kUnits: NavValue!) {{
          correctMoneyFundIncome(input: {{productId: $productId, date: $date, incomePer10kUnits: $incomePer10kUnits}}) {{
            {ERRORS}
          }}
        }}""",
    "pay from the money fund": f"""
        mutation PayFromFund($payee: String!, $amount: MoneyAmount!, $idempotencyKey: String!) {{
          wallet: pay(input: {{payee: $payee, amount: $amount, idempotencyKey: $idempotencyKey, source: WALLET}}) {{
            {PAYMENT} {ERRORS}
          }}
          fund: pay(input: {{payee: $payee, amount: $amount, idempotencyKey: $idempotencyKey, source: MONEY_FUND}}) {{
            {PAYMENT} {ERRORS}
          }}
        }}""",
    "investInPlan": f"""
        mutation Invest($recommendationId: ID!, $idempotencyKey: String!) {{
          investInPlan(input: {{recommendationId: $recommendationId, idempotencyKey: $idempotencyKey}}) {{ {ERRORS} }}
        }}""",
    "rebalancePlan": "query Rebalance { rebalancePlan { __typename } }",
}

ISSUE_15 = {
    "node": "query Node($id: ID!) { node(id: $id) { id } }",
    "nodes": "query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }",
    "connections": """query Page($first: Int, $after: String) { wallet { transactions(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } } } }""",
    "connections backwards": """query Back($last: Int, $before: String) { wallet { transactions(last: $last, before: $before) {
        nodes { id } } } }""",
    "portfolio": """query Home { me { portfolio { yesterdayIncome { amount } cumulativeIncome { amount }
        moneyFundBalance { amount } pendingOrders { id } } } }""",
    "viewerSuitability": "query Catalogue { products { nodes { viewerSuitability { decision warning { id text } } } } }",
    "walletEvents": """subscription Wallet($after: ID) { walletEvents(after: $after) {
        id kind occurredAt payment { id status } transaction { id } } }""",
    "portfolioEvents": """subscription Portfolio($after: ID) { portfolioEvents(after: $after) {
        id kind occurredAt order { id status } product { id } amount { amount currency } } }""",
    "notifications": """query Inbox($first: Int, $after: String) { me {
        notifications(first: $first, after: $after, unreadOnly: true) { nodes { id } } } }""",
    "markNotificationsRead": "mutation Read($ids: [ID!]!) { markNotificationsRead(ids: $ids) { __typename } }",
    "statement": """query Statement { me { statement(month: "2026-11") {
        opening { __typename } closing { __typename } lines { date kind description amount { amount } balanceAfter { amount } }
        incomeTotal { amount } feesTotal { amount } } } }""",
    "product series": """query Chart($id: ID!) { product(id: $id) {
        series(metric: NAV, from: "2025-11-01", to: "2026-11-01", maxPoints: 200) { __typename } } }""",
    "portfolio series": """query Charts { me { portfolio {
        valueSeries(from: "2025-11-01", to: "2026-11-01") { __typename }
        incomeSeries(from: "2025-11-01", to: "2026-11-01") { __typename } } } }""",
    "pendingWithdrawals": "query Bank { pendingWithdrawals { __typename } }",
    "settleWithdrawals": "mutation Settle($ids: [ID!]!) { settleWithdrawals(ids: $ids, failIds: []) { __typename } }",
    "ledgerCheck": "query Check { ledgerCheck { ranAt ok problems } }",
    "runLedgerCheck": "mutation RunCheck { runLedgerCheck { __typename } }",
    "setClock": 'mutation Clock { setClock(input: {at: "2027-01-04T09:00:00+08:00"}) { __typename } }',
    "sessions": "query Sessions { me { sessions { id } } }",
    "revokeSession": "mutation Revoke($id: ID!) { revokeSession(id: $id) { __typename } }",
}

NOT_LANDED: dict[tuple[int, str], str] = {}

CONTRACTS = {2: ISSUE_2, 3: ISSUE_3, 4: ISSUE_4, 5: ISSUE_5, 6: ISSUE_6, 7: ISSUE_7, 15: ISSUE_15}


def _cases():
    for issue, documents in CONTRACTS.items():
        for name, document in documents.items():
            reason = NOT_LANDED.get((issue, name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(document, id=f"issue {issue}: {name}", marks=marks)


def problems(document: str) -> list[str]:
    """Why the served schema would refuse ``document`` (empty when it would run it)."""
    _, errors = POLICY.document(SCHEMA, document)
    return [error.message for error in errors]


@pytest.mark.parametrize("document", list(_cases()))
def test_the_contract_document_is_valid_against_the_served_schema(document):
    assert validate(SCHEMA, parse(document)) == []
    assert problems(document) == []  # the depth, alias and token limits let it through


def test_a_selection_that_breaks_a_contract_is_caught():
    # The shape the suitability contract had before its reason became a plain string.
    assert problems("query { suitability(productRiskLevel: R3) { reason { code text } } }")
    assert problems("query { me { riskProfile { riskCategory noSuchField } } }")


@pytest.mark.parametrize(
    ("type_name", "field", "argument", "graphql_type", "default"),
    [
        # suitability(productRiskLevel: RiskLevel!, qualifiedInvestorsOnly: Boolean = false)
        ("Query", "suitability", "productRiskLevel", "RiskLevel!", None),
        ("Query", "suitability", "qualifiedInvestorsOnly", "Boolean", False),
        # figures(amount: Decimal = "10000")
        ("Product", "figures", "amount", "Decimal", Decimal("10000")),
    ],
)
def test_arguments_have_the_contract_types_and_defaults(type_name, field, argument, graphql_type, default):
    arg = SCHEMA.get_type(type_name).fields[field].args[argument]
    assert (str(arg.type), arg.default_value) == (graphql_type, default if default is not None else Undefined)


@pytest.mark.parametrize(
    "document",
    [
        "query { suitability(productRiskLevel: R1, qualifiedInvestorsOnly: null) { decision reason } }",
        "query { products { nodes { figures(amount: null) { asOf } } } }",
    ],
)
def test_nullable_contract_arguments_take_an_explicit_null(document):
    assert problems(document) == []
