HOME_QUERY = (
    "{ me { displayName wallet { balance { amount } available { amount } } "
    "portfolio { totalValue { amount } yesterdayIncome { amount } cumulativeIncome { amount } "
    "moneyFundBalance { amount } holdings { units value { amount } yesterdayIncome { amount } "
    "product { id code name } } pendingOrders { id status product { code } } } } "
    "products(kind: MONEY_FUND, first: 3) { nodes { id code name sevenDayAnnualizedYield } } }"
)
