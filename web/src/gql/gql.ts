/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Logout { logout { userErrors { field message code } } }\n": typeof types.LogoutDocument,
    "\n  query Viewer {\n    me {\n      id displayName email locale roles unreadNotificationCount\n      riskProfile { status riskCategory recommendableUpTo expiresAt }\n      wallet { paymentPasswordSet identity { realName idNumberMasked } bankCards { id bankName last4 } }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query Home {\n    me {\n      id displayName unreadNotificationCount\n      wallet { available { amount currency } held { amount currency } }\n      portfolio {\n        totalValue { amount currency }\n        cash { amount currency }\n        inTransit { amount currency }\n        yesterdayIncome { amount currency }\n        cumulativeIncome { amount currency }\n        moneyFundBalance { amount currency }\n        holdings {\n          units\n          value { amount currency }\n          yesterdayIncome { amount currency }\n          product { id code name kind sevenDayAnnualizedYield }\n        }\n        pendingOrders {\n          id side status tradeDate cancellableUntil\n          amount { amount currency }\n          product { id code name }\n        }\n      }\n    }\n    moneyFunds: products(kind: MONEY_FUND, first: 1) { nodes { id name sevenDayAnnualizedYield } }\n  }\n": typeof types.HomeDocument,
    "\n  query WalletAmounts { me { id wallet { available { amount currency } held { amount currency } balance { amount currency } } } }\n": typeof types.WalletAmountsDocument,
    "\n  subscription WalletEvents($after: ID) {\n    walletEvents(after: $after) { id kind occurredAt payment { id status } transaction { id } }\n  }\n": typeof types.WalletEventsDocument,
    "\n  subscription PortfolioEvents($after: ID) {\n    portfolioEvents(after: $after) { id kind occurredAt order { id status } product { id } amount { amount currency } }\n  }\n": typeof types.PortfolioEventsDocument,
    "\n  mutation CancelOrder($input: CancelOrderInput!) {\n    cancelOrder(input: $input) { order { id status } userErrors { field message code } }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation VerifyIdentity($input: VerifyIdentityInput!) {\n    verifyIdentity(input: $input) { userErrors { field message code } }\n  }\n": typeof types.VerifyIdentityDocument,
    "\n  mutation BindBankCard($input: BindBankCardInput!) {\n    bindBankCard(input: $input) { userErrors { field message code } }\n  }\n": typeof types.BindBankCardDocument,
    "\n  mutation SetPaymentPassword($input: SetPaymentPasswordInput!) {\n    setPaymentPassword(input: $input) { userErrors { field message code } }\n  }\n": typeof types.SetPaymentPasswordDocument,
    "\n  query Questionnaire($locale: String) {\n    riskQuestionnaire(locale: $locale) {\n      id title version locale\n      questions { id kind section label text unit minValue maxValue decimalPlaces options { id text } }\n    }\n  }\n": typeof types.QuestionnaireDocument,
    "\n  mutation SubmitRiskAssessment($input: SubmitRiskAssessmentInput!) {\n    submitRiskAssessment(input: $input) {\n      assessment { id riskCategory explanation horizonMonths }\n      userErrors { field message code }\n    }\n  }\n": typeof types.SubmitRiskAssessmentDocument,
    "\n  query Catalogue($kind: ProductKind, $search: String) {\n    products(kind: $kind, search: $search, first: 50) {\n      totalCount\n      nodes {\n        id code name kind riskLevel status sevenDayAnnualizedYield\n        minimumAmount { amount currency }\n        figures { expectedAnnualReturn badYearLoss { fraction amount { amount currency } } }\n        liquidity { kind availableAfterDays }\n        viewerSuitability { decision reason warning { id text } }\n      }\n    }\n  }\n": typeof types.CatalogueDocument,
    "\n  query Product($id: ID!) {\n    product(id: $id) {\n      id code name kind riskLevel status issuer registrar switchable latestNav latestNavDate incomePer10kUnits sevenDayAnnualizedYield\n      minimumAmount { amount currency }\n      fees { subscriptionRate managementRate }\n      figures { expectedAnnualReturn typicalRange { low high } badYearLoss { fraction amount { amount currency } } probabilityOfLoss }\n      liquidity { kind availableAfterDays lockDays }\n      viewerSuitability { decision reason warning { id text } }\n    }\n  }\n": typeof types.ProductDocument,
    "\n  query ProductSeries($id: ID!, $metric: SeriesMetric!, $from: Date) {\n    product(id: $id) { id series(metric: $metric, from: $from, maxPoints: 200) { date value } }\n  }\n": typeof types.ProductSeriesDocument,
    "\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) { order { id status tradeDate } userErrors { field message code } }\n  }\n": typeof types.SubscribeDocument,
    "\n  mutation Redeem($input: RedeemInput!) {\n    redeem(input: $input) { order { id status tradeDate } userErrors { field message code } }\n  }\n": typeof types.RedeemDocument,
    "\n  query ProductHolding {\n    me { id portfolio { holdings { units value { amount currency } product { id } } } }\n    products(first: 100) { nodes { id name issuer registrar switchable status } }\n  }\n": typeof types.ProductHoldingDocument,
    "\n  mutation SwitchFund($input: SwitchFundInput!) {\n    switchFund(input: $input) { order { id status tradeDate switchTo { name } } userErrors { field message code } }\n  }\n": typeof types.SwitchFundDocument,
    "\n  mutation RequestRecommendation($input: RequestRecommendationInput!) {\n    requestRecommendation(input: $input) {\n      recommendation {\n        id expectedAnnualReturn probabilityOfLoss explanation earliestFullWithdrawal goalProbability investedAt\n        amount { amount currency }\n        typicalRange { low high }\n        badYearLoss { fraction amount { amount currency } }\n        sameDayAvailable { amount currency }\n        allocations { percent amount { amount currency } product { id code name riskLevel } }\n        relaxations { code message }\n      }\n      userErrors { field message code }\n    }\n  }\n": typeof types.RequestRecommendationDocument,
    "\n  mutation InvestInPlan($input: InvestInPlanInput!) {\n    investInPlan(input: $input) { recommendation { id investedAt } userErrors { field message code } }\n  }\n": typeof types.InvestInPlanDocument,
    "\n  mutation Deposit($input: DepositInput!) {\n    deposit(input: $input) { transaction { id status } userErrors { field message code } }\n  }\n": typeof types.DepositDocument,
    "\n  mutation Withdraw($input: WithdrawInput!) {\n    withdraw(input: $input) { transaction { id status } userErrors { field message code } }\n  }\n": typeof types.WithdrawDocument,
    "\n  query PayeePreview($payee: String!) { payeePreview(payee: $payee) { maskedName } }\n": typeof types.PayeePreviewDocument,
    "\n  mutation Pay($input: PayInput!) {\n    pay(input: $input) { payment { id status } userErrors { field message code } }\n  }\n": typeof types.PayDocument,
    "\n  query Payments($role: PaymentRole, $status: PaymentStatus) {\n    me {\n      id\n      wallet {\n        payments(role: $role, status: $status, first: 30) {\n          nodes {\n            id status guarantee memo createdAt autoConfirmAt holdExtended refundReason\n            amount { amount currency }\n            payer { id displayName }\n            payee { id displayName }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PaymentsDocument,
    "\n  mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { payment { id status } userErrors { field message code } } }\n": typeof types.ConfirmPaymentDocument,
    "\n  mutation RequestRefund($input: RequestRefundInput!) { requestRefund(input: $input) { payment { id status } userErrors { field message code } } }\n": typeof types.RequestRefundDocument,
    "\n  mutation WithdrawRefundRequest($input: WithdrawRefundRequestInput!) { withdrawRefundRequest(input: $input) { payment { id status } userErrors { field message code } } }\n": typeof types.WithdrawRefundRequestDocument,
    "\n  mutation ExtendPaymentHold($input: ExtendPaymentHoldInput!) { extendPaymentHold(input: $input) { payment { id status } userErrors { field message code } } }\n": typeof types.ExtendPaymentHoldDocument,
    "\n  mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { payment { id status } userErrors { field message code } } }\n": typeof types.RefundPaymentDocument,
    "\n  mutation DeclineRefund($input: DeclineRefundInput!) { declineRefund(input: $input) { payment { id status } userErrors { field message code } } }\n": typeof types.DeclineRefundDocument,
    "\n  query Transactions($kinds: [TransactionKind!], $from: Date, $to: Date, $after: String) {\n    me {\n      id\n      wallet {\n        transactions(kinds: $kinds, from: $from, to: $to, first: 30, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          nodes {\n            id kind status description createdAt incoming counterparty memo\n            amount { amount currency }\n            fee { amount currency }\n            balanceAfter { amount currency }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TransactionsDocument,
    "\n  query PlatformDate {\n    platformDate\n  }\n": typeof types.PlatformDateDocument,
    "\n  query Statement($month: String!) {\n    me {\n      id\n      statement(month: $month) {\n        month csvPath\n        incomeTotal { amount currency }\n        feesTotal { amount currency }\n        opening { total { amount currency } }\n        closing { total { amount currency } }\n        lines { date kind description amount { amount currency } balanceAfter { amount currency } }\n      }\n    }\n  }\n": typeof types.StatementDocument,
    "\n  query Notifications {\n    me {\n      id unreadNotificationCount\n      notifications(first: 30) { nodes { id kind title body occurredAt read } }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount userErrors { field message code } } }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query Sessions { me { id locale sessions { id current createdAt lastUsedAt userAgent ipAddress } } }\n": typeof types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) { session { id } userErrors { field message code } } }\n": typeof types.RevokeSessionDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id locale } userErrors { field message code } } }\n": typeof types.UpdateProfileDocument,
    "\n  query StaffProducts($status: ProductStatus) {\n    products(status: $status, first: 100) {\n      nodes {\n        id code name kind riskLevel status termsRevision issuer\n        minimumAmount { amount currency }\n        pendingApproval { previousStatus requestedAt requestedById }\n        pendingChange { id requestedBy }\n      }\n    }\n  }\n": typeof types.StaffProductsDocument,
    "\n  query StaffProduct($id: ID!) {\n    product(id: $id) {\n      id code nameZh nameEn kind riskLevel status termsRevision issuer qualifiedOnly assetClass registrar switchable\n      minimumAmount { amount currency }\n      fastRedemptionLimit { amount currency }\n      fees { subscriptionRate managementRate redemption { minHoldingDays rate } }\n      liquidity { kind lockDays maturityDate redemptionSettlementDays }\n      absTerms { couponRate termMonths loanCount defaultProbability lossGivenDefault assetCorrelation creditEnhancement detachment earlyAmortisationTrigger revolvingMonths }\n      p2pTerms { annualRate termMonths loanCount defaultProbability recoveryRate assetCorrelation lossCover lossCoverRatio repaymentMethod earlyExit }\n      pendingApproval { previousStatus requestedAt requestedById }\n    }\n  }\n": typeof types.StaffProductDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) { product { id status } userErrors { field message code } }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation UpdateProduct($input: UpdateProductInput!) {\n    updateProduct(input: $input) { product { id } changeRequest { id status } userErrors { field message code } }\n  }\n": typeof types.UpdateProductDocument,
    "\n  mutation ChangeProductStatus($input: ChangeProductStatusInput!) {\n    changeProductStatus(input: $input) { product { id status } userErrors { field message code } }\n  }\n": typeof types.ChangeProductStatusDocument,
    "\n  mutation ApproveProductStatusChange($input: ApproveProductStatusChangeInput!) {\n    approveProductStatusChange(input: $input) { product { id status } userErrors { field message code } }\n  }\n": typeof types.ApproveProductStatusChangeDocument,
    "\n  query ProductChangeRequests {\n    productChangeRequests(first: 50) {\n      nodes { id productId requestedBy requestedById requestedAt status note changes { field before after } }\n    }\n  }\n": typeof types.ProductChangeRequestsDocument,
    "\n  mutation ApproveProductChange($input: ApproveProductChangeInput!) {\n    approveProductChange(input: $input) { userErrors { field message code } }\n  }\n": typeof types.ApproveProductChangeDocument,
    "\n  mutation RejectProductChange($input: RejectProductChangeInput!) {\n    rejectProductChange(input: $input) { userErrors { field message code } }\n  }\n": typeof types.RejectProductChangeDocument,
    "\n  query ProductAuditLog($productId: ID!) {\n    productAuditLog(productId: $productId, first: 50) { nodes { id action actor at changes { field before after } } }\n  }\n": typeof types.ProductAuditLogDocument,
    "\n  mutation ImportProductHistory($input: ImportProductHistoryInput!) {\n    importProductHistory(input: $input) { loaded alreadyStored userErrors { field message code } }\n  }\n": typeof types.ImportProductHistoryDocument,
    "\n  mutation RecordNav($input: RecordNavInput!) { recordNav(input: $input) { userErrors { field message code } } }\n": typeof types.RecordNavDocument,
    "\n  mutation RecordMoneyFundIncome($input: RecordMoneyFundIncomeInput!) { recordMoneyFundIncome(input: $input) { userErrors { field message code } } }\n": typeof types.RecordMoneyFundIncomeDocument,
    "\n  mutation RunDailyJob($input: RunDailyJobInput!) {\n    runDailyJob(input: $input) {\n      report { date job runs { code result items message amount { amount currency } } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.RunDailyJobDocument,
    "\n  query DisputedPayments {\n    disputedPayments(first: 50) {\n      nodes { id memo disputeAgeDays refundReason amount { amount currency } payer { displayName } payee { displayName } }\n    }\n  }\n": typeof types.DisputedPaymentsDocument,
    "\n  mutation ResolveDispute($input: ResolveDisputeInput!) {\n    resolveDispute(input: $input) { payment { id status } userErrors { field message code } }\n  }\n": typeof types.ResolveDisputeDocument,
    "\n  query PendingWithdrawals {\n    pendingWithdrawals(first: 50) { nodes { id ageHours bankName cardLast4 amount { amount currency } user { maskedName } } }\n  }\n": typeof types.PendingWithdrawalsDocument,
    "\n  mutation SettleWithdrawals($ids: [ID!]!, $failIds: [ID!]) {\n    settleWithdrawals(ids: $ids, failIds: $failIds) { completed { id } failed { id } userErrors { field message code } }\n  }\n": typeof types.SettleWithdrawalsDocument,
    "\n  query LedgerCheck { ledgerCheck { ranAt ranBy ok problems } }\n": typeof types.LedgerCheckDocument,
    "\n  mutation RunLedgerCheck { runLedgerCheck { ledgerCheck { ranAt ok problems } userErrors { field message code } } }\n": typeof types.RunLedgerCheckDocument,
    "\n  query TradingCalendarStatus { tradingCalendar { knownFrom knownThrough daysLeft needsImport } }\n": typeof types.TradingCalendarStatusDocument,
    "\n  mutation ImportTradingCalendar($input: ImportTradingCalendarInput!) {\n    importTradingCalendar(input: $input) { userErrors { field message code } }\n  }\n": typeof types.ImportTradingCalendarDocument,
    "\n  mutation SetClock($input: SetClockInput!) { setClock(input: $input) { now userErrors { field message code } } }\n": typeof types.SetClockDocument,
    "\n  query PendingFigures {\n    navCorrections(first: 50) { id productId date oldNav newNav requestedBy requestedAt status }\n    incomeFigureRequests(first: 50) { id productId date incomePer10kUnits correction requestedBy requestedAt status }\n  }\n": typeof types.PendingFiguresDocument,
    "\n  mutation CorrectNav($input: CorrectNavInput!) {\n    correctNav(input: $input) { navCorrection { id status } userErrors { field message code } }\n  }\n": typeof types.CorrectNavDocument,
    "\n  mutation CorrectMoneyFundIncome($input: CorrectMoneyFundIncomeInput!) {\n    correctMoneyFundIncome(input: $input) {\n      income { productId date incomePer10kUnits holders total { amount currency } }\n      incomeRequest { id status }\n      userErrors { field message code }\n    }\n  }\n": typeof types.CorrectMoneyFundIncomeDocument,
    "\n  mutation ApproveNavCorrection($input: DecideNavCorrectionInput!) {\n    approveNavCorrection(input: $input) { navCorrection { id status } userErrors { field message code } }\n  }\n": typeof types.ApproveNavCorrectionDocument,
    "\n  mutation RejectNavCorrection($input: DecideNavCorrectionInput!) {\n    rejectNavCorrection(input: $input) { userErrors { field message code } }\n  }\n": typeof types.RejectNavCorrectionDocument,
    "\n  mutation ApproveIncomeFigure($input: DecideIncomeFigureInput!) {\n    approveIncomeFigure(input: $input) { userErrors { field message code } }\n  }\n": typeof types.ApproveIncomeFigureDocument,
    "\n  mutation RejectIncomeFigure($input: DecideIncomeFigureInput!) {\n    rejectIncomeFigure(input: $input) { userErrors { field message code } }\n  }\n": typeof types.RejectIncomeFigureDocument,
    "\n  query LoanReviews {\n    loanReviews(first: 50) {\n      totalCount\n      nodes {\n        id\n        applicantId\n        amount { amount currency }\n        termMonths\n        reasons { code text }\n        createdAt\n        review { requestedAt }\n      }\n    }\n  }\n": typeof types.LoanReviewsDocument,
    "\n  mutation DecideLoanReview($input: DecideLoanReviewInput!) {\n    decideLoanReview(input: $input) {\n      application { id decision review { outcome note decidedAt } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.DecideLoanReviewDocument,
    "\n  query DailyJobRuns($date: Date!) {\n    dailyJobRuns(date: $date) {\n      id job date productId state attempts items message errors tasksDone tasksTotal finishedAt\n      amount { amount currency }\n    }\n  }\n": typeof types.DailyJobRunsDocument,
    "\n  mutation RerunDailyJob($input: RerunDailyJobInput!) {\n    rerunDailyJob(input: $input) { run { id state attempts message errors } userErrors { field message code } }\n  }\n": typeof types.RerunDailyJobDocument,
    "\n  mutation RefreshToken($input: RefreshTokenInput!) {\n    refreshToken(input: $input) {\n      token\n      refreshToken\n      userErrors { code message }\n    }\n  }\n": typeof types.RefreshTokenDocument,
};
const documents: Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }\n  }\n": types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }\n  }\n": types.RegisterDocument,
    "\n  mutation Logout { logout { userErrors { field message code } } }\n": types.LogoutDocument,
    "\n  query Viewer {\n    me {\n      id displayName email locale roles unreadNotificationCount\n      riskProfile { status riskCategory recommendableUpTo expiresAt }\n      wallet { paymentPasswordSet identity { realName idNumberMasked } bankCards { id bankName last4 } }\n    }\n  }\n": types.ViewerDocument,
    "\n  query Home {\n    me {\n      id displayName unreadNotificationCount\n      wallet { available { amount currency } held { amount currency } }\n      portfolio {\n        totalValue { amount currency }\n        cash { amount currency }\n        inTransit { amount currency }\n        yesterdayIncome { amount currency }\n        cumulativeIncome { amount currency }\n        moneyFundBalance { amount currency }\n        holdings {\n          units\n          value { amount currency }\n          yesterdayIncome { amount currency }\n          product { id code name kind sevenDayAnnualizedYield }\n        }\n        pendingOrders {\n          id side status tradeDate cancellableUntil\n          amount { amount currency }\n          product { id code name }\n        }\n      }\n    }\n    moneyFunds: products(kind: MONEY_FUND, first: 1) { nodes { id name sevenDayAnnualizedYield } }\n  }\n": types.HomeDocument,
    "\n  query WalletAmounts { me { id wallet { available { amount currency } held { amount currency } balance { amount currency } } } }\n": types.WalletAmountsDocument,
    "\n  subscription WalletEvents($after: ID) {\n    walletEvents(after: $after) { id kind occurredAt payment { id status } transaction { id } }\n  }\n": types.WalletEventsDocument,
    "\n  subscription PortfolioEvents($after: ID) {\n    portfolioEvents(after: $after) { id kind occurredAt order { id status } product { id } amount { amount currency } }\n  }\n": types.PortfolioEventsDocument,
    "\n  mutation CancelOrder($input: CancelOrderInput!) {\n    cancelOrder(input: $input) { order { id status } userErrors { field message code } }\n  }\n": types.CancelOrderDocument,
    "\n  mutation VerifyIdentity($input: VerifyIdentityInput!) {\n    verifyIdentity(input: $input) { userErrors { field message code } }\n  }\n": types.VerifyIdentityDocument,
    "\n  mutation BindBankCard($input: BindBankCardInput!) {\n    bindBankCard(input: $input) { userErrors { field message code } }\n  }\n": types.BindBankCardDocument,
    "\n  mutation SetPaymentPassword($input: SetPaymentPasswordInput!) {\n    setPaymentPassword(input: $input) { userErrors { field message code } }\n  }\n": types.SetPaymentPasswordDocument,
    "\n  query Questionnaire($locale: String) {\n    riskQuestionnaire(locale: $locale) {\n      id title version locale\n      questions { id kind section label text unit minValue maxValue decimalPlaces options { id text } }\n    }\n  }\n": types.QuestionnaireDocument,
    "\n  mutation SubmitRiskAssessment($input: SubmitRiskAssessmentInput!) {\n    submitRiskAssessment(input: $input) {\n      assessment { id riskCategory explanation horizonMonths }\n      userErrors { field message code }\n    }\n  }\n": types.SubmitRiskAssessmentDocument,
    "\n  query Catalogue($kind: ProductKind, $search: String) {\n    products(kind: $kind, search: $search, first: 50) {\n      totalCount\n      nodes {\n        id code name kind riskLevel status sevenDayAnnualizedYield\n        minimumAmount { amount currency }\n        figures { expectedAnnualReturn badYearLoss { fraction amount { amount currency } } }\n        liquidity { kind availableAfterDays }\n        viewerSuitability { decision reason warning { id text } }\n      }\n    }\n  }\n": types.CatalogueDocument,
    "\n  query Product($id: ID!) {\n    product(id: $id) {\n      id code name kind riskLevel status issuer registrar switchable latestNav latestNavDate incomePer10kUnits sevenDayAnnualizedYield\n      minimumAmount { amount currency }\n      fees { subscriptionRate managementRate }\n      figures { expectedAnnualReturn typicalRange { low high } badYearLoss { fraction amount { amount currency } } probabilityOfLoss }\n      liquidity { kind availableAfterDays lockDays }\n      viewerSuitability { decision reason warning { id text } }\n    }\n  }\n": types.ProductDocument,
    "\n  query ProductSeries($id: ID!, $metric: SeriesMetric!, $from: Date) {\n    product(id: $id) { id series(metric: $metric, from: $from, maxPoints: 200) { date value } }\n  }\n": types.ProductSeriesDocument,
    "\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) { order { id status tradeDate } userErrors { field message code } }\n  }\n": types.SubscribeDocument,
    "\n  mutation Redeem($input: RedeemInput!) {\n    redeem(input: $input) { order { id status tradeDate } userErrors { field message code } }\n  }\n": types.RedeemDocument,
    "\n  query ProductHolding {\n    me { id portfolio { holdings { units value { amount currency } product { id } } } }\n    products(first: 100) { nodes { id name issuer registrar switchable status } }\n  }\n": types.ProductHoldingDocument,
    "\n  mutation SwitchFund($input: SwitchFundInput!) {\n    switchFund(input: $input) { order { id status tradeDate switchTo { name } } userErrors { field message code } }\n  }\n": types.SwitchFundDocument,
    "\n  mutation RequestRecommendation($input: RequestRecommendationInput!) {\n    requestRecommendation(input: $input) {\n      recommendation {\n        id expectedAnnualReturn probabilityOfLoss explanation earliestFullWithdrawal goalProbability investedAt\n        amount { amount currency }\n        typicalRange { low high }\n        badYearLoss { fraction amount { amount currency } }\n        sameDayAvailable { amount currency }\n        allocations { percent amount { amount currency } product { id code name riskLevel } }\n        relaxations { code message }\n      }\n      userErrors { field message code }\n    }\n  }\n": types.RequestRecommendationDocument,
    "\n  mutation InvestInPlan($input: InvestInPlanInput!) {\n    investInPlan(input: $input) { recommendation { id investedAt } userErrors { field message code } }\n  }\n": types.InvestInPlanDocument,
    "\n  mutation Deposit($input: DepositInput!) {\n    deposit(input: $input) { transaction { id status } userErrors { field message code } }\n  }\n": types.DepositDocument,
    "\n  mutation Withdraw($input: WithdrawInput!) {\n    withdraw(input: $input) { transaction { id status } userErrors { field message code } }\n  }\n": types.WithdrawDocument,
    "\n  query PayeePreview($payee: String!) { payeePreview(payee: $payee) { maskedName } }\n": types.PayeePreviewDocument,
    "\n  mutation Pay($input: PayInput!) {\n    pay(input: $input) { payment { id status } userErrors { field message code } }\n  }\n": types.PayDocument,
    "\n  query Payments($role: PaymentRole, $status: PaymentStatus) {\n    me {\n      id\n      wallet {\n        payments(role: $role, status: $status, first: 30) {\n          nodes {\n            id status guarantee memo createdAt autoConfirmAt holdExtended refundReason\n            amount { amount currency }\n            payer { id displayName }\n            payee { id displayName }\n          }\n        }\n      }\n    }\n  }\n": types.PaymentsDocument,
    "\n  mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { payment { id status } userErrors { field message code } } }\n": types.ConfirmPaymentDocument,
    "\n  mutation RequestRefund($input: RequestRefundInput!) { requestRefund(input: $input) { payment { id status } userErrors { field message code } } }\n": types.RequestRefundDocument,
    "\n  mutation WithdrawRefundRequest($input: WithdrawRefundRequestInput!) { withdrawRefundRequest(input: $input) { payment { id status } userErrors { field message code } } }\n": types.WithdrawRefundRequestDocument,
    "\n  mutation ExtendPaymentHold($input: ExtendPaymentHoldInput!) { extendPaymentHold(input: $input) { payment { id status } userErrors { field message code } } }\n": types.ExtendPaymentHoldDocument,
    "\n  mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { payment { id status } userErrors { field message code } } }\n": types.RefundPaymentDocument,
    "\n  mutation DeclineRefund($input: DeclineRefundInput!) { declineRefund(input: $input) { payment { id status } userErrors { field message code } } }\n": types.DeclineRefundDocument,
    "\n  query Transactions($kinds: [TransactionKind!], $from: Date, $to: Date, $after: String) {\n    me {\n      id\n      wallet {\n        transactions(kinds: $kinds, from: $from, to: $to, first: 30, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          nodes {\n            id kind status description createdAt incoming counterparty memo\n            amount { amount currency }\n            fee { amount currency }\n            balanceAfter { amount currency }\n          }\n        }\n      }\n    }\n  }\n": types.TransactionsDocument,
    "\n  query PlatformDate {\n    platformDate\n  }\n": types.PlatformDateDocument,
    "\n  query Statement($month: String!) {\n    me {\n      id\n      statement(month: $month) {\n        month csvPath\n        incomeTotal { amount currency }\n        feesTotal { amount currency }\n        opening { total { amount currency } }\n        closing { total { amount currency } }\n        lines { date kind description amount { amount currency } balanceAfter { amount currency } }\n      }\n    }\n  }\n": types.StatementDocument,
    "\n  query Notifications {\n    me {\n      id unreadNotificationCount\n      notifications(first: 30) { nodes { id kind title body occurredAt read } }\n    }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount userErrors { field message code } } }\n": types.MarkNotificationsReadDocument,
    "\n  query Sessions { me { id locale sessions { id current createdAt lastUsedAt userAgent ipAddress } } }\n": types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) { session { id } userErrors { field message code } } }\n": types.RevokeSessionDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id locale } userErrors { field message code } } }\n": types.UpdateProfileDocument,
    "\n  query StaffProducts($status: ProductStatus) {\n    products(status: $status, first: 100) {\n      nodes {\n        id code name kind riskLevel status termsRevision issuer\n        minimumAmount { amount currency }\n        pendingApproval { previousStatus requestedAt requestedById }\n        pendingChange { id requestedBy }\n      }\n    }\n  }\n": types.StaffProductsDocument,
    "\n  query StaffProduct($id: ID!) {\n    product(id: $id) {\n      id code nameZh nameEn kind riskLevel status termsRevision issuer qualifiedOnly assetClass registrar switchable\n      minimumAmount { amount currency }\n      fastRedemptionLimit { amount currency }\n      fees { subscriptionRate managementRate redemption { minHoldingDays rate } }\n      liquidity { kind lockDays maturityDate redemptionSettlementDays }\n      absTerms { couponRate termMonths loanCount defaultProbability lossGivenDefault assetCorrelation creditEnhancement detachment earlyAmortisationTrigger revolvingMonths }\n      p2pTerms { annualRate termMonths loanCount defaultProbability recoveryRate assetCorrelation lossCover lossCoverRatio repaymentMethod earlyExit }\n      pendingApproval { previousStatus requestedAt requestedById }\n    }\n  }\n": types.StaffProductDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) { product { id status } userErrors { field message code } }\n  }\n": types.CreateProductDocument,
    "\n  mutation UpdateProduct($input: UpdateProductInput!) {\n    updateProduct(input: $input) { product { id } changeRequest { id status } userErrors { field message code } }\n  }\n": types.UpdateProductDocument,
    "\n  mutation ChangeProductStatus($input: ChangeProductStatusInput!) {\n    changeProductStatus(input: $input) { product { id status } userErrors { field message code } }\n  }\n": types.ChangeProductStatusDocument,
    "\n  mutation ApproveProductStatusChange($input: ApproveProductStatusChangeInput!) {\n    approveProductStatusChange(input: $input) { product { id status } userErrors { field message code } }\n  }\n": types.ApproveProductStatusChangeDocument,
    "\n  query ProductChangeRequests {\n    productChangeRequests(first: 50) {\n      nodes { id productId requestedBy requestedById requestedAt status note changes { field before after } }\n    }\n  }\n": types.ProductChangeRequestsDocument,
    "\n  mutation ApproveProductChange($input: ApproveProductChangeInput!) {\n    approveProductChange(input: $input) { userErrors { field message code } }\n  }\n": types.ApproveProductChangeDocument,
    "\n  mutation RejectProductChange($input: RejectProductChangeInput!) {\n    rejectProductChange(input: $input) { userErrors { field message code } }\n  }\n": types.RejectProductChangeDocument,
    "\n  query ProductAuditLog($productId: ID!) {\n    productAuditLog(productId: $productId, first: 50) { nodes { id action actor at changes { field before after } } }\n  }\n": types.ProductAuditLogDocument,
    "\n  mutation ImportProductHistory($input: ImportProductHistoryInput!) {\n    importProductHistory(input: $input) { loaded alreadyStored userErrors { field message code } }\n  }\n": types.ImportProductHistoryDocument,
    "\n  mutation RecordNav($input: RecordNavInput!) { recordNav(input: $input) { userErrors { field message code } } }\n": types.RecordNavDocument,
    "\n  mutation RecordMoneyFundIncome($input: RecordMoneyFundIncomeInput!) { recordMoneyFundIncome(input: $input) { userErrors { field message code } } }\n": types.RecordMoneyFundIncomeDocument,
    "\n  mutation RunDailyJob($input: RunDailyJobInput!) {\n    runDailyJob(input: $input) {\n      report { date job runs { code result items message amount { amount currency } } }\n      userErrors { field message code }\n    }\n  }\n": types.RunDailyJobDocument,
    "\n  query DisputedPayments {\n    disputedPayments(first: 50) {\n      nodes { id memo disputeAgeDays refundReason amount { amount currency } payer { displayName } payee { displayName } }\n    }\n  }\n": types.DisputedPaymentsDocument,
    "\n  mutation ResolveDispute($input: ResolveDisputeInput!) {\n    resolveDispute(input: $input) { payment { id status } userErrors { field message code } }\n  }\n": types.ResolveDisputeDocument,
    "\n  query PendingWithdrawals {\n    pendingWithdrawals(first: 50) { nodes { id ageHours bankName cardLast4 amount { amount currency } user { maskedName } } }\n  }\n": types.PendingWithdrawalsDocument,
    "\n  mutation SettleWithdrawals($ids: [ID!]!, $failIds: [ID!]) {\n    settleWithdrawals(ids: $ids, failIds: $failIds) { completed { id } failed { id } userErrors { field message code } }\n  }\n": types.SettleWithdrawalsDocument,
    "\n  query LedgerCheck { ledgerCheck { ranAt ranBy ok problems } }\n": types.LedgerCheckDocument,
    "\n  mutation RunLedgerCheck { runLedgerCheck { ledgerCheck { ranAt ok problems } userErrors { field message code } } }\n": types.RunLedgerCheckDocument,
    "\n  query TradingCalendarStatus { tradingCalendar { knownFrom knownThrough daysLeft needsImport } }\n": types.TradingCalendarStatusDocument,
    "\n  mutation ImportTradingCalendar($input: ImportTradingCalendarInput!) {\n    importTradingCalendar(input: $input) { userErrors { field message code } }\n  }\n": types.ImportTradingCalendarDocument,
    "\n  mutation SetClock($input: SetClockInput!) { setClock(input: $input) { now userErrors { field message code } } }\n": types.SetClockDocument,
    "\n  query PendingFigures {\n    navCorrections(first: 50) { id productId date oldNav newNav requestedBy requestedAt status }\n    incomeFigureRequests(first: 50) { id productId date incomePer10kUnits correction requestedBy requestedAt status }\n  }\n": types.PendingFiguresDocument,
    "\n  mutation CorrectNav($input: CorrectNavInput!) {\n    correctNav(input: $input) { navCorrection { id status } userErrors { field message code } }\n  }\n": types.CorrectNavDocument,
    "\n  mutation CorrectMoneyFundIncome($input: CorrectMoneyFundIncomeInput!) {\n    correctMoneyFundIncome(input: $input) {\n      income { productId date incomePer10kUnits holders total { amount currency } }\n      incomeRequest { id status }\n      userErrors { field message code }\n    }\n  }\n": types.CorrectMoneyFundIncomeDocument,
    "\n  mutation ApproveNavCorrection($input: DecideNavCorrectionInput!) {\n    approveNavCorrection(input: $input) { navCorrection { id status } userErrors { field message code } }\n  }\n": types.ApproveNavCorrectionDocument,
    "\n  mutation RejectNavCorrection($input: DecideNavCorrectionInput!) {\n    rejectNavCorrection(input: $input) { userErrors { field message code } }\n  }\n": types.RejectNavCorrectionDocument,
    "\n  mutation ApproveIncomeFigure($input: DecideIncomeFigureInput!) {\n    approveIncomeFigure(input: $input) { userErrors { field message code } }\n  }\n": types.ApproveIncomeFigureDocument,
    "\n  mutation RejectIncomeFigure($input: DecideIncomeFigureInput!) {\n    rejectIncomeFigure(input: $input) { userErrors { field message code } }\n  }\n": types.RejectIncomeFigureDocument,
    "\n  query LoanReviews {\n    loanReviews(first: 50) {\n      totalCount\n      nodes {\n        id\n        applicantId\n        amount { amount currency }\n        termMonths\n        reasons { code text }\n        createdAt\n        review { requestedAt }\n      }\n    }\n  }\n": types.LoanReviewsDocument,
    "\n  mutation DecideLoanReview($input: DecideLoanReviewInput!) {\n    decideLoanReview(input: $input) {\n      application { id decision review { outcome note decidedAt } }\n      userErrors { field message code }\n    }\n  }\n": types.DecideLoanReviewDocument,
    "\n  query DailyJobRuns($date: Date!) {\n    dailyJobRuns(date: $date) {\n      id job date productId state attempts items message errors tasksDone tasksTotal finishedAt\n      amount { amount currency }\n    }\n  }\n": types.DailyJobRunsDocument,
    "\n  mutation RerunDailyJob($input: RerunDailyJobInput!) {\n    rerunDailyJob(input: $input) { run { id state attempts message errors } userErrors { field message code } }\n  }\n": types.RerunDailyJobDocument,
    "\n  mutation RefreshToken($input: RefreshTokenInput!) {\n    refreshToken(input: $input) {\n      token\n      refreshToken\n      userErrors { code message }\n    }\n  }\n": types.RefreshTokenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout { logout { userErrors { field message code } } }\n"): (typeof documents)["\n  mutation Logout { logout { userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id displayName email locale roles unreadNotificationCount\n      riskProfile { status riskCategory recommendableUpTo expiresAt }\n      wallet { paymentPasswordSet identity { realName idNumberMasked } bankCards { id bankName last4 } }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id displayName email locale roles unreadNotificationCount\n      riskProfile { status riskCategory recommendableUpTo expiresAt }\n      wallet { paymentPasswordSet identity { realName idNumberMasked } bankCards { id bankName last4 } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home {\n    me {\n      id displayName unreadNotificationCount\n      wallet { available { amount currency } held { amount currency } }\n      portfolio {\n        totalValue { amount currency }\n        cash { amount currency }\n        inTransit { amount currency }\n        yesterdayIncome { amount currency }\n        cumulativeIncome { amount currency }\n        moneyFundBalance { amount currency }\n        holdings {\n          units\n          value { amount currency }\n          yesterdayIncome { amount currency }\n          product { id code name kind sevenDayAnnualizedYield }\n        }\n        pendingOrders {\n          id side status tradeDate cancellableUntil\n          amount { amount currency }\n          product { id code name }\n        }\n      }\n    }\n    moneyFunds: products(kind: MONEY_FUND, first: 1) { nodes { id name sevenDayAnnualizedYield } }\n  }\n"): (typeof documents)["\n  query Home {\n    me {\n      id displayName unreadNotificationCount\n      wallet { available { amount currency } held { amount currency } }\n      portfolio {\n        totalValue { amount currency }\n        cash { amount currency }\n        inTransit { amount currency }\n        yesterdayIncome { amount currency }\n        cumulativeIncome { amount currency }\n        moneyFundBalance { amount currency }\n        holdings {\n          units\n          value { amount currency }\n          yesterdayIncome { amount currency }\n          product { id code name kind sevenDayAnnualizedYield }\n        }\n        pendingOrders {\n          id side status tradeDate cancellableUntil\n          amount { amount currency }\n          product { id code name }\n        }\n      }\n    }\n    moneyFunds: products(kind: MONEY_FUND, first: 1) { nodes { id name sevenDayAnnualizedYield } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WalletAmounts { me { id wallet { available { amount currency } held { amount currency } balance { amount currency } } } }\n"): (typeof documents)["\n  query WalletAmounts { me { id wallet { available { amount currency } held { amount currency } balance { amount currency } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WalletEvents($after: ID) {\n    walletEvents(after: $after) { id kind occurredAt payment { id status } transaction { id } }\n  }\n"): (typeof documents)["\n  subscription WalletEvents($after: ID) {\n    walletEvents(after: $after) { id kind occurredAt payment { id status } transaction { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PortfolioEvents($after: ID) {\n    portfolioEvents(after: $after) { id kind occurredAt order { id status } product { id } amount { amount currency } }\n  }\n"): (typeof documents)["\n  subscription PortfolioEvents($after: ID) {\n    portfolioEvents(after: $after) { id kind occurredAt order { id status } product { id } amount { amount currency } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($input: CancelOrderInput!) {\n    cancelOrder(input: $input) { order { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($input: CancelOrderInput!) {\n    cancelOrder(input: $input) { order { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyIdentity($input: VerifyIdentityInput!) {\n    verifyIdentity(input: $input) { userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation VerifyIdentity($input: VerifyIdentityInput!) {\n    verifyIdentity(input: $input) { userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BindBankCard($input: BindBankCardInput!) {\n    bindBankCard(input: $input) { userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation BindBankCard($input: BindBankCardInput!) {\n    bindBankCard(input: $input) { userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPaymentPassword($input: SetPaymentPasswordInput!) {\n    setPaymentPassword(input: $input) { userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation SetPaymentPassword($input: SetPaymentPasswordInput!) {\n    setPaymentPassword(input: $input) { userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Questionnaire($locale: String) {\n    riskQuestionnaire(locale: $locale) {\n      id title version locale\n      questions { id kind section label text unit minValue maxValue decimalPlaces options { id text } }\n    }\n  }\n"): (typeof documents)["\n  query Questionnaire($locale: String) {\n    riskQuestionnaire(locale: $locale) {\n      id title version locale\n      questions { id kind section label text unit minValue maxValue decimalPlaces options { id text } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitRiskAssessment($input: SubmitRiskAssessmentInput!) {\n    submitRiskAssessment(input: $input) {\n      assessment { id riskCategory explanation horizonMonths }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitRiskAssessment($input: SubmitRiskAssessmentInput!) {\n    submitRiskAssessment(input: $input) {\n      assessment { id riskCategory explanation horizonMonths }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalogue($kind: ProductKind, $search: String) {\n    products(kind: $kind, search: $search, first: 50) {\n      totalCount\n      nodes {\n        id code name kind riskLevel status sevenDayAnnualizedYield\n        minimumAmount { amount currency }\n        figures { expectedAnnualReturn badYearLoss { fraction amount { amount currency } } }\n        liquidity { kind availableAfterDays }\n        viewerSuitability { decision reason warning { id text } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Catalogue($kind: ProductKind, $search: String) {\n    products(kind: $kind, search: $search, first: 50) {\n      totalCount\n      nodes {\n        id code name kind riskLevel status sevenDayAnnualizedYield\n        minimumAmount { amount currency }\n        figures { expectedAnnualReturn badYearLoss { fraction amount { amount currency } } }\n        liquidity { kind availableAfterDays }\n        viewerSuitability { decision reason warning { id text } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Product($id: ID!) {\n    product(id: $id) {\n      id code name kind riskLevel status issuer registrar switchable latestNav latestNavDate incomePer10kUnits sevenDayAnnualizedYield\n      minimumAmount { amount currency }\n      fees { subscriptionRate managementRate }\n      figures { expectedAnnualReturn typicalRange { low high } badYearLoss { fraction amount { amount currency } } probabilityOfLoss }\n      liquidity { kind availableAfterDays lockDays }\n      viewerSuitability { decision reason warning { id text } }\n    }\n  }\n"): (typeof documents)["\n  query Product($id: ID!) {\n    product(id: $id) {\n      id code name kind riskLevel status issuer registrar switchable latestNav latestNavDate incomePer10kUnits sevenDayAnnualizedYield\n      minimumAmount { amount currency }\n      fees { subscriptionRate managementRate }\n      figures { expectedAnnualReturn typicalRange { low high } badYearLoss { fraction amount { amount currency } } probabilityOfLoss }\n      liquidity { kind availableAfterDays lockDays }\n      viewerSuitability { decision reason warning { id text } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductSeries($id: ID!, $metric: SeriesMetric!, $from: Date) {\n    product(id: $id) { id series(metric: $metric, from: $from, maxPoints: 200) { date value } }\n  }\n"): (typeof documents)["\n  query ProductSeries($id: ID!, $metric: SeriesMetric!, $from: Date) {\n    product(id: $id) { id series(metric: $metric, from: $from, maxPoints: 200) { date value } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) { order { id status tradeDate } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) { order { id status tradeDate } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Redeem($input: RedeemInput!) {\n    redeem(input: $input) { order { id status tradeDate } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation Redeem($input: RedeemInput!) {\n    redeem(input: $input) { order { id status tradeDate } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductHolding {\n    me { id portfolio { holdings { units value { amount currency } product { id } } } }\n    products(first: 100) { nodes { id name issuer registrar switchable status } }\n  }\n"): (typeof documents)["\n  query ProductHolding {\n    me { id portfolio { holdings { units value { amount currency } product { id } } } }\n    products(first: 100) { nodes { id name issuer registrar switchable status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchFund($input: SwitchFundInput!) {\n    switchFund(input: $input) { order { id status tradeDate switchTo { name } } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation SwitchFund($input: SwitchFundInput!) {\n    switchFund(input: $input) { order { id status tradeDate switchTo { name } } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestRecommendation($input: RequestRecommendationInput!) {\n    requestRecommendation(input: $input) {\n      recommendation {\n        id expectedAnnualReturn probabilityOfLoss explanation earliestFullWithdrawal goalProbability investedAt\n        amount { amount currency }\n        typicalRange { low high }\n        badYearLoss { fraction amount { amount currency } }\n        sameDayAvailable { amount currency }\n        allocations { percent amount { amount currency } product { id code name riskLevel } }\n        relaxations { code message }\n      }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestRecommendation($input: RequestRecommendationInput!) {\n    requestRecommendation(input: $input) {\n      recommendation {\n        id expectedAnnualReturn probabilityOfLoss explanation earliestFullWithdrawal goalProbability investedAt\n        amount { amount currency }\n        typicalRange { low high }\n        badYearLoss { fraction amount { amount currency } }\n        sameDayAvailable { amount currency }\n        allocations { percent amount { amount currency } product { id code name riskLevel } }\n        relaxations { code message }\n      }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvestInPlan($input: InvestInPlanInput!) {\n    investInPlan(input: $input) { recommendation { id investedAt } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation InvestInPlan($input: InvestInPlanInput!) {\n    investInPlan(input: $input) { recommendation { id investedAt } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Deposit($input: DepositInput!) {\n    deposit(input: $input) { transaction { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation Deposit($input: DepositInput!) {\n    deposit(input: $input) { transaction { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Withdraw($input: WithdrawInput!) {\n    withdraw(input: $input) { transaction { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation Withdraw($input: WithdrawInput!) {\n    withdraw(input: $input) { transaction { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PayeePreview($payee: String!) { payeePreview(payee: $payee) { maskedName } }\n"): (typeof documents)["\n  query PayeePreview($payee: String!) { payeePreview(payee: $payee) { maskedName } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Pay($input: PayInput!) {\n    pay(input: $input) { payment { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation Pay($input: PayInput!) {\n    pay(input: $input) { payment { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Payments($role: PaymentRole, $status: PaymentStatus) {\n    me {\n      id\n      wallet {\n        payments(role: $role, status: $status, first: 30) {\n          nodes {\n            id status guarantee memo createdAt autoConfirmAt holdExtended refundReason\n            amount { amount currency }\n            payer { id displayName }\n            payee { id displayName }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Payments($role: PaymentRole, $status: PaymentStatus) {\n    me {\n      id\n      wallet {\n        payments(role: $role, status: $status, first: 30) {\n          nodes {\n            id status guarantee memo createdAt autoConfirmAt holdExtended refundReason\n            amount { amount currency }\n            payer { id displayName }\n            payee { id displayName }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { payment { id status } userErrors { field message code } } }\n"): (typeof documents)["\n  mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { payment { id status } userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestRefund($input: RequestRefundInput!) { requestRefund(input: $input) { payment { id status } userErrors { field message code } } }\n"): (typeof documents)["\n  mutation RequestRefund($input: RequestRefundInput!) { requestRefund(input: $input) { payment { id status } userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawRefundRequest($input: WithdrawRefundRequestInput!) { withdrawRefundRequest(input: $input) { payment { id status } userErrors { field message code } } }\n"): (typeof documents)["\n  mutation WithdrawRefundRequest($input: WithdrawRefundRequestInput!) { withdrawRefundRequest(input: $input) { payment { id status } userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExtendPaymentHold($input: ExtendPaymentHoldInput!) { extendPaymentHold(input: $input) { payment { id status } userErrors { field message code } } }\n"): (typeof documents)["\n  mutation ExtendPaymentHold($input: ExtendPaymentHoldInput!) { extendPaymentHold(input: $input) { payment { id status } userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { payment { id status } userErrors { field message code } } }\n"): (typeof documents)["\n  mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { payment { id status } userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineRefund($input: DeclineRefundInput!) { declineRefund(input: $input) { payment { id status } userErrors { field message code } } }\n"): (typeof documents)["\n  mutation DeclineRefund($input: DeclineRefundInput!) { declineRefund(input: $input) { payment { id status } userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Transactions($kinds: [TransactionKind!], $from: Date, $to: Date, $after: String) {\n    me {\n      id\n      wallet {\n        transactions(kinds: $kinds, from: $from, to: $to, first: 30, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          nodes {\n            id kind status description createdAt incoming counterparty memo\n            amount { amount currency }\n            fee { amount currency }\n            balanceAfter { amount currency }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Transactions($kinds: [TransactionKind!], $from: Date, $to: Date, $after: String) {\n    me {\n      id\n      wallet {\n        transactions(kinds: $kinds, from: $from, to: $to, first: 30, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          nodes {\n            id kind status description createdAt incoming counterparty memo\n            amount { amount currency }\n            fee { amount currency }\n            balanceAfter { amount currency }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlatformDate {\n    platformDate\n  }\n"): (typeof documents)["\n  query PlatformDate {\n    platformDate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Statement($month: String!) {\n    me {\n      id\n      statement(month: $month) {\n        month csvPath\n        incomeTotal { amount currency }\n        feesTotal { amount currency }\n        opening { total { amount currency } }\n        closing { total { amount currency } }\n        lines { date kind description amount { amount currency } balanceAfter { amount currency } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Statement($month: String!) {\n    me {\n      id\n      statement(month: $month) {\n        month csvPath\n        incomeTotal { amount currency }\n        feesTotal { amount currency }\n        opening { total { amount currency } }\n        closing { total { amount currency } }\n        lines { date kind description amount { amount currency } balanceAfter { amount currency } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications {\n    me {\n      id unreadNotificationCount\n      notifications(first: 30) { nodes { id kind title body occurredAt read } }\n    }\n  }\n"): (typeof documents)["\n  query Notifications {\n    me {\n      id unreadNotificationCount\n      notifications(first: 30) { nodes { id kind title body occurredAt read } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount userErrors { field message code } } }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sessions { me { id locale sessions { id current createdAt lastUsedAt userAgent ipAddress } } }\n"): (typeof documents)["\n  query Sessions { me { id locale sessions { id current createdAt lastUsedAt userAgent ipAddress } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) { session { id } userErrors { field message code } } }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) { session { id } userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id locale } userErrors { field message code } } }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id locale } userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffProducts($status: ProductStatus) {\n    products(status: $status, first: 100) {\n      nodes {\n        id code name kind riskLevel status termsRevision issuer\n        minimumAmount { amount currency }\n        pendingApproval { previousStatus requestedAt requestedById }\n        pendingChange { id requestedBy }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StaffProducts($status: ProductStatus) {\n    products(status: $status, first: 100) {\n      nodes {\n        id code name kind riskLevel status termsRevision issuer\n        minimumAmount { amount currency }\n        pendingApproval { previousStatus requestedAt requestedById }\n        pendingChange { id requestedBy }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffProduct($id: ID!) {\n    product(id: $id) {\n      id code nameZh nameEn kind riskLevel status termsRevision issuer qualifiedOnly assetClass registrar switchable\n      minimumAmount { amount currency }\n      fastRedemptionLimit { amount currency }\n      fees { subscriptionRate managementRate redemption { minHoldingDays rate } }\n      liquidity { kind lockDays maturityDate redemptionSettlementDays }\n      absTerms { couponRate termMonths loanCount defaultProbability lossGivenDefault assetCorrelation creditEnhancement detachment earlyAmortisationTrigger revolvingMonths }\n      p2pTerms { annualRate termMonths loanCount defaultProbability recoveryRate assetCorrelation lossCover lossCoverRatio repaymentMethod earlyExit }\n      pendingApproval { previousStatus requestedAt requestedById }\n    }\n  }\n"): (typeof documents)["\n  query StaffProduct($id: ID!) {\n    product(id: $id) {\n      id code nameZh nameEn kind riskLevel status termsRevision issuer qualifiedOnly assetClass registrar switchable\n      minimumAmount { amount currency }\n      fastRedemptionLimit { amount currency }\n      fees { subscriptionRate managementRate redemption { minHoldingDays rate } }\n      liquidity { kind lockDays maturityDate redemptionSettlementDays }\n      absTerms { couponRate termMonths loanCount defaultProbability lossGivenDefault assetCorrelation creditEnhancement detachment earlyAmortisationTrigger revolvingMonths }\n      p2pTerms { annualRate termMonths loanCount defaultProbability recoveryRate assetCorrelation lossCover lossCoverRatio repaymentMethod earlyExit }\n      pendingApproval { previousStatus requestedAt requestedById }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) { product { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) { product { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($input: UpdateProductInput!) {\n    updateProduct(input: $input) { product { id } changeRequest { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($input: UpdateProductInput!) {\n    updateProduct(input: $input) { product { id } changeRequest { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeProductStatus($input: ChangeProductStatusInput!) {\n    changeProductStatus(input: $input) { product { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation ChangeProductStatus($input: ChangeProductStatusInput!) {\n    changeProductStatus(input: $input) { product { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveProductStatusChange($input: ApproveProductStatusChangeInput!) {\n    approveProductStatusChange(input: $input) { product { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation ApproveProductStatusChange($input: ApproveProductStatusChangeInput!) {\n    approveProductStatusChange(input: $input) { product { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductChangeRequests {\n    productChangeRequests(first: 50) {\n      nodes { id productId requestedBy requestedById requestedAt status note changes { field before after } }\n    }\n  }\n"): (typeof documents)["\n  query ProductChangeRequests {\n    productChangeRequests(first: 50) {\n      nodes { id productId requestedBy requestedById requestedAt status note changes { field before after } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveProductChange($input: ApproveProductChangeInput!) {\n    approveProductChange(input: $input) { userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation ApproveProductChange($input: ApproveProductChangeInput!) {\n    approveProductChange(input: $input) { userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectProductChange($input: RejectProductChangeInput!) {\n    rejectProductChange(input: $input) { userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation RejectProductChange($input: RejectProductChangeInput!) {\n    rejectProductChange(input: $input) { userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductAuditLog($productId: ID!) {\n    productAuditLog(productId: $productId, first: 50) { nodes { id action actor at changes { field before after } } }\n  }\n"): (typeof documents)["\n  query ProductAuditLog($productId: ID!) {\n    productAuditLog(productId: $productId, first: 50) { nodes { id action actor at changes { field before after } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportProductHistory($input: ImportProductHistoryInput!) {\n    importProductHistory(input: $input) { loaded alreadyStored userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation ImportProductHistory($input: ImportProductHistoryInput!) {\n    importProductHistory(input: $input) { loaded alreadyStored userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordNav($input: RecordNavInput!) { recordNav(input: $input) { userErrors { field message code } } }\n"): (typeof documents)["\n  mutation RecordNav($input: RecordNavInput!) { recordNav(input: $input) { userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordMoneyFundIncome($input: RecordMoneyFundIncomeInput!) { recordMoneyFundIncome(input: $input) { userErrors { field message code } } }\n"): (typeof documents)["\n  mutation RecordMoneyFundIncome($input: RecordMoneyFundIncomeInput!) { recordMoneyFundIncome(input: $input) { userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunDailyJob($input: RunDailyJobInput!) {\n    runDailyJob(input: $input) {\n      report { date job runs { code result items message amount { amount currency } } }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation RunDailyJob($input: RunDailyJobInput!) {\n    runDailyJob(input: $input) {\n      report { date job runs { code result items message amount { amount currency } } }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DisputedPayments {\n    disputedPayments(first: 50) {\n      nodes { id memo disputeAgeDays refundReason amount { amount currency } payer { displayName } payee { displayName } }\n    }\n  }\n"): (typeof documents)["\n  query DisputedPayments {\n    disputedPayments(first: 50) {\n      nodes { id memo disputeAgeDays refundReason amount { amount currency } payer { displayName } payee { displayName } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveDispute($input: ResolveDisputeInput!) {\n    resolveDispute(input: $input) { payment { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation ResolveDispute($input: ResolveDisputeInput!) {\n    resolveDispute(input: $input) { payment { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingWithdrawals {\n    pendingWithdrawals(first: 50) { nodes { id ageHours bankName cardLast4 amount { amount currency } user { maskedName } } }\n  }\n"): (typeof documents)["\n  query PendingWithdrawals {\n    pendingWithdrawals(first: 50) { nodes { id ageHours bankName cardLast4 amount { amount currency } user { maskedName } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SettleWithdrawals($ids: [ID!]!, $failIds: [ID!]) {\n    settleWithdrawals(ids: $ids, failIds: $failIds) { completed { id } failed { id } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation SettleWithdrawals($ids: [ID!]!, $failIds: [ID!]) {\n    settleWithdrawals(ids: $ids, failIds: $failIds) { completed { id } failed { id } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LedgerCheck { ledgerCheck { ranAt ranBy ok problems } }\n"): (typeof documents)["\n  query LedgerCheck { ledgerCheck { ranAt ranBy ok problems } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunLedgerCheck { runLedgerCheck { ledgerCheck { ranAt ok problems } userErrors { field message code } } }\n"): (typeof documents)["\n  mutation RunLedgerCheck { runLedgerCheck { ledgerCheck { ranAt ok problems } userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TradingCalendarStatus { tradingCalendar { knownFrom knownThrough daysLeft needsImport } }\n"): (typeof documents)["\n  query TradingCalendarStatus { tradingCalendar { knownFrom knownThrough daysLeft needsImport } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportTradingCalendar($input: ImportTradingCalendarInput!) {\n    importTradingCalendar(input: $input) { userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation ImportTradingCalendar($input: ImportTradingCalendarInput!) {\n    importTradingCalendar(input: $input) { userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetClock($input: SetClockInput!) { setClock(input: $input) { now userErrors { field message code } } }\n"): (typeof documents)["\n  mutation SetClock($input: SetClockInput!) { setClock(input: $input) { now userErrors { field message code } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingFigures {\n    navCorrections(first: 50) { id productId date oldNav newNav requestedBy requestedAt status }\n    incomeFigureRequests(first: 50) { id productId date incomePer10kUnits correction requestedBy requestedAt status }\n  }\n"): (typeof documents)["\n  query PendingFigures {\n    navCorrections(first: 50) { id productId date oldNav newNav requestedBy requestedAt status }\n    incomeFigureRequests(first: 50) { id productId date incomePer10kUnits correction requestedBy requestedAt status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectNav($input: CorrectNavInput!) {\n    correctNav(input: $input) { navCorrection { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation CorrectNav($input: CorrectNavInput!) {\n    correctNav(input: $input) { navCorrection { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectMoneyFundIncome($input: CorrectMoneyFundIncomeInput!) {\n    correctMoneyFundIncome(input: $input) {\n      income { productId date incomePer10kUnits holders total { amount currency } }\n      incomeRequest { id status }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation CorrectMoneyFundIncome($input: CorrectMoneyFundIncomeInput!) {\n    correctMoneyFundIncome(input: $input) {\n      income { productId date incomePer10kUnits holders total { amount currency } }\n      incomeRequest { id status }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveNavCorrection($input: DecideNavCorrectionInput!) {\n    approveNavCorrection(input: $input) { navCorrection { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation ApproveNavCorrection($input: DecideNavCorrectionInput!) {\n    approveNavCorrection(input: $input) { navCorrection { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectNavCorrection($input: DecideNavCorrectionInput!) {\n    rejectNavCorrection(input: $input) { userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation RejectNavCorrection($input: DecideNavCorrectionInput!) {\n    rejectNavCorrection(input: $input) { userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveIncomeFigure($input: DecideIncomeFigureInput!) {\n    approveIncomeFigure(input: $input) { userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation ApproveIncomeFigure($input: DecideIncomeFigureInput!) {\n    approveIncomeFigure(input: $input) { userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectIncomeFigure($input: DecideIncomeFigureInput!) {\n    rejectIncomeFigure(input: $input) { userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation RejectIncomeFigure($input: DecideIncomeFigureInput!) {\n    rejectIncomeFigure(input: $input) { userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LoanReviews {\n    loanReviews(first: 50) {\n      totalCount\n      nodes {\n        id\n        applicantId\n        amount { amount currency }\n        termMonths\n        reasons { code text }\n        createdAt\n        review { requestedAt }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LoanReviews {\n    loanReviews(first: 50) {\n      totalCount\n      nodes {\n        id\n        applicantId\n        amount { amount currency }\n        termMonths\n        reasons { code text }\n        createdAt\n        review { requestedAt }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideLoanReview($input: DecideLoanReviewInput!) {\n    decideLoanReview(input: $input) {\n      application { id decision review { outcome note decidedAt } }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation DecideLoanReview($input: DecideLoanReviewInput!) {\n    decideLoanReview(input: $input) {\n      application { id decision review { outcome note decidedAt } }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyJobRuns($date: Date!) {\n    dailyJobRuns(date: $date) {\n      id job date productId state attempts items message errors tasksDone tasksTotal finishedAt\n      amount { amount currency }\n    }\n  }\n"): (typeof documents)["\n  query DailyJobRuns($date: Date!) {\n    dailyJobRuns(date: $date) {\n      id job date productId state attempts items message errors tasksDone tasksTotal finishedAt\n      amount { amount currency }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RerunDailyJob($input: RerunDailyJobInput!) {\n    rerunDailyJob(input: $input) { run { id state attempts message errors } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation RerunDailyJob($input: RerunDailyJobInput!) {\n    rerunDailyJob(input: $input) { run { id state attempts message errors } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshToken($input: RefreshTokenInput!) {\n    refreshToken(input: $input) {\n      token\n      refreshToken\n      userErrors { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshToken($input: RefreshTokenInput!) {\n    refreshToken(input: $input) {\n      token\n      refreshToken\n      userErrors { code message }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;