// The staff console's GraphQL documents (product managers and operators).
import { graphql } from "../gql";

export const StaffProductsDocument = graphql(`
  query StaffProducts($status: ProductStatus) {
    products(status: $status, first: 100) {
      nodes {
        id code name kind riskLevel status termsRevision issuer
        minimumAmount { amount currency }
        pendingApproval { previousStatus requestedAt requestedById }
        pendingChange { id requestedBy }
      }
    }
  }
`);

export const StaffProductDocument = graphql(`
  query StaffProduct($id: ID!) {
    product(id: $id) {
      id code nameZh nameEn kind riskLevel status termsRevision issuer qualifiedOnly assetClass registrar switchable
      minimumAmount { amount currency }
      fastRedemptionLimit { amount currency }
      fees { subscriptionRate managementRate redemption { minHoldingDays rate } }
      liquidity { kind lockDays maturityDate redemptionSettlementDays }
      absTerms { couponRate termMonths loanCount defaultProbability lossGivenDefault assetCorrelation creditEnhancement detachment earlyAmortisationTrigger revolvingMonths }
      p2pTerms { annualRate termMonths loanCount defaultProbability recoveryRate assetCorrelation lossCover lossCoverRatio repaymentMethod earlyExit }
      pendingApproval { previousStatus requestedAt requestedById }
    }
  }
`);

export const CreateProductDocument = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) { product { id status } userErrors { field message code } }
  }
`);

export const UpdateProductDocument = graphql(`
  mutation UpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) { product { id } changeRequest { id status } userErrors { field message code } }
  }
`);

export const ChangeProductStatusDocument = graphql(`
  mutation ChangeProductStatus($input: ChangeProductStatusInput!) {
    changeProductStatus(input: $input) { product { id status } userErrors { field message code } }
  }
`);

export const ApproveProductStatusDocument = graphql(`
  mutation ApproveProductStatusChange($input: ApproveProductStatusChangeInput!) {
    approveProductStatusChange(input: $input) { product { id status } userErrors { field message code } }
  }
`);

export const ChangeRequestsDocument = graphql(`
  query ProductChangeRequests {
    productChangeRequests(first: 50) {
      nodes { id productId requestedBy requestedById requestedAt status note changes { field before after } }
    }
  }
`);

export const ApproveChangeDocument = graphql(`
  mutation ApproveProductChange($input: ApproveProductChangeInput!) {
    approveProductChange(input: $input) { userErrors { field message code } }
  }
`);

export const RejectChangeDocument = graphql(`
  mutation RejectProductChange($input: RejectProductChangeInput!) {
    rejectProductChange(input: $input) { userErrors { field message code } }
  }
`);

export const AuditLogDocument = graphql(`
  query ProductAuditLog($productId: ID!) {
    productAuditLog(productId: $productId, first: 50) { nodes { id action actor at changes { field before after } } }
  }
`);

export const ImportHistoryDocument = graphql(`
  mutation ImportProductHistory($input: ImportProductHistoryInput!) {
    importProductHistory(input: $input) { loaded alreadyStored userErrors { field message code } }
  }
`);

export const RecordNavDocument = graphql(`
  mutation RecordNav($input: RecordNavInput!) { recordNav(input: $input) { userErrors { field message code } } }
`);

export const RecordIncomeDocument = graphql(`
  mutation RecordMoneyFundIncome($input: RecordMoneyFundIncomeInput!) { recordMoneyFundIncome(input: $input) { userErrors { field message code } } }
`);

export const RunDailyJobDocument = graphql(`
  mutation RunDailyJob($input: RunDailyJobInput!) {
    runDailyJob(input: $input) {
      report { date job runs { code result items message amount { amount currency } } }
      userErrors { field message code }
    }
  }
`);

export const DisputesDocument = graphql(`
  query DisputedPayments {
    disputedPayments(first: 50) {
      nodes { id memo disputeAgeDays refundReason amount { amount currency } payer { displayName } payee { displayName } }
    }
  }
`);

export const ResolveDisputeDocument = graphql(`
  mutation ResolveDispute($input: ResolveDisputeInput!) {
    resolveDispute(input: $input) { payment { id status } userErrors { field message code } }
  }
`);

export const PendingWithdrawalsDocument = graphql(`
  query PendingWithdrawals {
    pendingWithdrawals(first: 50) { nodes { id ageHours bankName cardLast4 amount { amount currency } user { maskedName } } }
  }
`);

export const SettleWithdrawalsDocument = graphql(`
  mutation SettleWithdrawals($ids: [ID!]!, $failIds: [ID!]) {
    settleWithdrawals(ids: $ids, failIds: $failIds) { completed { id } failed { id } userErrors { field message code } }
  }
`);

export const LedgerCheckDocument = graphql(`
  query LedgerCheck { ledgerCheck { ranAt ranBy ok problems } }
`);

export const RunLedgerCheckDocument = graphql(`
  mutation RunLedgerCheck { runLedgerCheck { ledgerCheck { ranAt ok problems } userErrors { field message code } } }
`);

export const CalendarDocument = graphql(`
  query TradingCalendarStatus { tradingCalendar { knownFrom knownThrough daysLeft needsImport } }
`);

export const ImportCalendarDocument = graphql(`
  mutation ImportTradingCalendar($input: ImportTradingCalendarInput!) {
    importTradingCalendar(input: $input) { userErrors { field message code } }
  }
`);

export const SetClockDocument = graphql(`
  mutation SetClock($input: SetClockInput!) { setClock(input: $input) { now userErrors { field message code } } }
`);

export const PendingFiguresDocument = graphql(`
  query PendingFigures {
    navCorrections(first: 50) { id productId date oldNav newNav requestedBy requestedAt status }
    incomeFigureRequests(first: 50) { id productId date incomePer10kUnits correction requestedBy requestedAt status }
  }
`);

export const CorrectNavDocument = graphql(`
  mutation CorrectNav($input: CorrectNavInput!) {
    correctNav(input: $input) { navCorrection { id status } userErrors { field message code } }
  }
`);

// Operators: correct a recorded money-fund income; an unusual figure waits for a second approval.
export const CorrectIncomeDocument = graphql(`
  mutation CorrectMoneyFundIncome($input: CorrectMoneyFundIncomeInput!) {
    correctMoneyFundIncome(input: $input) {
      income { productId date incomePer10kUnits holders total { amount currency } }
      incomeRequest { id status }
      userErrors { field message code }
    }
  }
`);

export const ApproveNavCorrectionDocument = graphql(`
  mutation ApproveNavCorrection($input: DecideNavCorrectionInput!) {
    approveNavCorrection(input: $input) { navCorrection { id status } userErrors { field message code } }
  }
`);

export const RejectNavCorrectionDocument = graphql(`
  mutation RejectNavCorrection($input: DecideNavCorrectionInput!) {
    rejectNavCorrection(input: $input) { userErrors { field message code } }
  }
`);

export const ApproveIncomeFigureDocument = graphql(`
  mutation ApproveIncomeFigure($input: DecideIncomeFigureInput!) {
    approveIncomeFigure(input: $input) { userErrors { field message code } }
  }
`);

export const RejectIncomeFigureDocument = graphql(`
  mutation RejectIncomeFigure($input: DecideIncomeFigureInput!) {
    rejectIncomeFigure(input: $input) { userErrors { field message code } }
  }
`);

export const LoanReviewsDocument = graphql(`
  query LoanReviews {
    loanReviews(first: 50) {
      totalCount
      nodes {
        id
        applicantId
        amount { amount currency }
        termMonths
        reasons { code text }
        createdAt
        review { requestedAt }
      }
    }
  }
`);

export const DecideLoanReviewDocument = graphql(`
  mutation DecideLoanReview($input: DecideLoanReviewInput!) {
    decideLoanReview(input: $input) {
      application { id decision review { outcome note decidedAt } }
      userErrors { field message code }
    }
  }
`);

export const DailyJobRunsDocument = graphql(`
  query DailyJobRuns($date: Date!) {
    dailyJobRuns(date: $date) {
      id job date productId state attempts items message errors tasksDone tasksTotal finishedAt
      amount { amount currency }
    }
  }
`);

export const RerunDailyJobDocument = graphql(`
  mutation RerunDailyJob($input: RerunDailyJobInput!) {
    rerunDailyJob(input: $input) { run { id state attempts message errors } userErrors { field message code } }
  }
`);
