"""GraphQL documents of the catalogue tests."""

from tests.ids import product_gid

PRODUCT_FIELDS = "id code status riskLevel qualifiedOnly riskLevelWarning { suggestedLevel message }"
ERRORS = "userErrors { field code message }"

CREATE = f"""mutation($i: CreateProductInput!) {{ createProduct(input: $i) {{ product {{ {PRODUCT_FIELDS} }} {ERRORS} }} }}"""
UPDATE = f"""mutation($i: UpdateProductInput!) {{ updateProduct(input: $i) {{ product {{ {PRODUCT_FIELDS}
  fees {{ subscriptionRate redemption {{ minHoldingDays rate }} }} p2pTerms {{ annualRate recoveryRate defaultProbability }}
  figures {{ expectedAnnualReturn badYearLoss {{ fraction }} }} }} {ERRORS} }} }}"""
CHANGE = f"""mutation($i: ChangeProductStatusInput!) {{ changeProductStatus(input: $i) {{ product {{ {PRODUCT_FIELDS} }} {ERRORS} }} }}"""
APPROVE = f"""mutation($i: ApproveProductStatusChangeInput!) {{ approveProductStatusChange(input: $i) {{ product {{ {PRODUCT_FIELDS} }} {ERRORS} }} }}"""
RECORD_NAV = f"""mutation($i: RecordNavInput!) {{ recordNav(input: $i) {{ product {{ {PRODUCT_FIELDS} latestNav latestNavDate }} {ERRORS} }} }}"""
RECORD_INCOME = f"""mutation($i: RecordMoneyFundIncomeInput!) {{ recordMoneyFundIncome(input: $i) {{
  product {{ {PRODUCT_FIELDS} incomePer10kUnits incomeDate sevenDayAnnualizedYield }} {ERRORS} }} }}"""
AUDIT = """query($id: ID!, $first: Int, $after: String) { productAuditLog(productId: $id, first: $first, after: $after) {
  nodes { id at actor actorId action changes { field before after } } pageInfo { hasNextPage endCursor } } }"""
LIST = """query($first: Int, $after: String, $last: Int, $before: String, $kind: ProductKind, $max: RiskLevel,
                 $liq: LiquidityKind, $sort: ProductSortBy! = NAME, $status: ProductStatus) {
  products(first: $first, after: $after, last: $last, before: $before, kind: $kind, maxRiskLevel: $max,
           liquidity: $liq, sortBy: $sort, status: $status) {
    nodes { id code kind status riskLevel qualifiedOnly minimumAmount { amount } liquidity { kind }
            figures { expectedAnnualReturn } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


def new_product(kind: str, code: str, **overrides) -> dict:
    """A valid CreateProductInput for ``kind``."""
    base = {"code": code, "nameZh": f"产品{code}", "nameEn": f"Product {code}", "kind": kind, "issuer": "Test Issuer"}
    base.update(
        {
            "MONEY_FUND": {"riskLevel": "R1", "minimumAmount": "0.01", "liquidity": "SAME_DAY"},
            "EQUITY_FUND": {
                "riskLevel": "R3",
                "minimumAmount": "10.00",
                "liquidity": "NEXT_DAY",
                "subscriptionFeeRate": "0.012",
                "redemptionFees": [{"minHoldingDays": 0, "rate": "0.015"}, {"minHoldingDays": 7, "rate": "0.005"}],
            },
            "ABS_UNIT": {
                "riskLevel": "R2",
                "minimumAmount": "1000000",
                "liquidity": "LOCKED",
                "lockDays": 720,
                "absTerms": {
                    "couponRate": "0.045",
                    "termMonths": 24,
                    "revolvingMonths": 12,
                    "defaultProbability": "0.02",
                    "lossGivenDefault": "0.8",
                    "creditEnhancement": "0.1",
                    "loanCount": 500,
                },
            },
            "P2P_LOAN": {
                "riskLevel": "R3",
                "minimumAmount": "1000",
                "liquidity": "LOCKED",
                "lockDays": 365,
                "p2pTerms": {
                    "annualRate": "0.09",
                    "termMonths": 12,
                    "repaymentMethod": "BULLET",
                    "defaultProbability": "0.03",
                    "recoveryRate": "0.4",
                    "loanCount": 50,
                },
            },
        }[kind]
    )
    base.update(overrides)
    return base


UPDATE_REQUEST = f"""mutation($i: UpdateProductInput!) {{ updateProduct(input: $i) {{ product {{ id termsRevision }}
  changeRequest {{ id status baseTermsRevision changes {{ field before after }} }} {ERRORS} }} }}"""
APPROVE_CHANGE = UPDATE.replace("UpdateProductInput", "ApproveProductChangeInput").replace(
    "updateProduct(", "approveProductChange("
)


def change_terms(asker, approver, product_id: int | str, **fields) -> dict:
    """Change a launched product's terms with four eyes: ``asker`` requests, ``approver``
    approves; the approval's payload (the product as UPDATE shows it)."""
    asked = asker.data(
        UPDATE_REQUEST,
        {"i": {"productId": product_id if isinstance(product_id, str) else product_gid(product_id), **fields}},
    )["updateProduct"]
    assert asked["userErrors"] == [] and asked["changeRequest"]["status"] == "PENDING", asked
    return approver.data(APPROVE_CHANGE, {"i": {"changeRequestId": asked["changeRequest"]["id"]}})[
        "approveProductChange"
    ]
