// The customer side's GraphQL documents (typed by GraphQL Code Generator into src/gql; each one
// is in the trusted-documents manifest the build emits).
import { graphql } from "../gql";


export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }
  }
`);

export const RegisterDocument = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) { token refreshToken user { id roles locale displayName } userErrors { field message code } }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout { logout { userErrors { field message code } } }
`);

export const ViewerDocument = graphql(`
  query Viewer {
    me {
      id displayName email locale roles unreadNotificationCount
      riskProfile { status riskCategory recommendableUpTo expiresAt }
      wallet { paymentPasswordSet identity { realName idNumberMasked } bankCards { id bankName last4 } }
    }
  }
`);

export const HomeDocument = graphql(`
  query Home {
    me {
      id displayName unreadNotificationCount
      wallet { available { amount currency } held { amount currency } }
      portfolio {
        totalValue { amount currency }
        cash { amount currency }
        inTransit { amount currency }
        yesterdayIncome { amount currency }
        cumulativeIncome { amount currency }
        moneyFundBalance { amount currency }
        holdings {
          units
          value { amount currency }
          yesterdayIncome { amount currency }
          product { id code name kind sevenDayAnnualizedYield }
        }
        pendingOrders {
          id side status tradeDate cancellableUntil
          amount { amount currency }
          product { id code name }
        }
      }
    }
    moneyFunds: products(kind: MONEY_FUND, first: 1) { nodes { id name sevenDayAnnualizedYield } }
  }
`);

export const WalletAmountsDocument = graphql(`
  query WalletAmounts { me { id wallet { available { amount currency } held { amount currency } balance { amount currency } } } }
`);

export const WalletEventsDocument = graphql(`
  subscription WalletEvents($after: ID) {
    walletEvents(after: $after) { id kind occurredAt payment { id status } transaction { id } }
  }
`);

export const PortfolioEventsDocument = graphql(`
  subscription PortfolioEvents($after: ID) {
    portfolioEvents(after: $after) { id kind occurredAt order { id status } product { id } amount { amount currency } }
  }
`);

export const CancelOrderDocument = graphql(`
  mutation CancelOrder($input: CancelOrderInput!) {
    cancelOrder(input: $input) { order { id status } userErrors { field message code } }
  }
`);

export const VerifyIdentityDocument = graphql(`
  mutation VerifyIdentity($input: VerifyIdentityInput!) {
    verifyIdentity(input: $input) { userErrors { field message code } }
  }
`);

export const BindBankCardDocument = graphql(`
  mutation BindBankCard($input: BindBankCardInput!) {
    bindBankCard(input: $input) { userErrors { field message code } }
  }
`);

export const SetPaymentPasswordDocument = graphql(`
  mutation SetPaymentPassword($input: SetPaymentPasswordInput!) {
    setPaymentPassword(input: $input) { userErrors { field message code } }
  }
`);

export const QuestionnaireDocument = graphql(`
  query Questionnaire($locale: String) {
    riskQuestionnaire(locale: $locale) {
      id title version locale
      questions { id kind section label text unit minValue maxValue decimalPlaces options { id text } }
    }
  }
`);

export const SubmitRiskAssessmentDocument = graphql(`
  mutation SubmitRiskAssessment($input: SubmitRiskAssessmentInput!) {
    submitRiskAssessment(input: $input) {
      assessment { id riskCategory explanation horizonMonths }
      userErrors { field message code }
    }
  }
`);

export const CatalogueDocument = graphql(`
  query Catalogue($kind: ProductKind, $search: String) {
    products(kind: $kind, search: $search, first: 50) {
      totalCount
      nodes {
        id code name kind riskLevel status sevenDayAnnualizedYield
        minimumAmount { amount currency }
        figures { expectedAnnualReturn badYearLoss { fraction amount { amount currency } } }
        liquidity { kind availableAfterDays }
        viewerSuitability { decision reason warning { id text } }
      }
    }
  }
`);

export const ProductDocument = graphql(`
  query Product($id: ID!) {
    product(id: $id) {
      id code name kind riskLevel status issuer registrar switchable latestNav latestNavDate incomePer10kUnits sevenDayAnnualizedYield
      minimumAmount { amount currency }
      fees { subscriptionRate managementRate }
      figures { expectedAnnualReturn typicalRange { low high } badYearLoss { fraction amount { amount currency } } probabilityOfLoss }
      liquidity { kind availableAfterDays lockDays }
      viewerSuitability { decision reason warning { id text } }
    }
  }
`);

export const ProductSeriesDocument = graphql(`
  query ProductSeries($id: ID!, $metric: SeriesMetric!, $from: Date) {
    product(id: $id) { id series(metric: $metric, from: $from, maxPoints: 200) { date value } }
  }
`);

export const SubscribeDocument = graphql(`
  mutation Subscribe($input: SubscribeInput!) {
    subscribe(input: $input) { order { id status tradeDate } userErrors { field message code } }
  }
`);

export const RedeemDocument = graphql(`
  mutation Redeem($input: RedeemInput!) {
    redeem(input: $input) { order { id status tradeDate } userErrors { field message code } }
  }
`);

export const ProductHoldingDocument = graphql(`
  query ProductHolding {
    me { id portfolio { holdings { units value { amount currency } product { id } } } }
    products(first: 100) { nodes { id name issuer registrar switchable status } }
  }
`);

export const SwitchFundDocument = graphql(`
  mutation SwitchFund($input: SwitchFundInput!) {
    switchFund(input: $input) { order { id status tradeDate switchTo { name } } userErrors { field message code } }
  }
`);

export const RequestRecommendationDocument = graphql(`
  mutation RequestRecommendation($input: RequestRecommendationInput!) {
    requestRecommendation(input: $input) {
      recommendation {
        id expectedAnnualReturn probabilityOfLoss explanation earliestFullWithdrawal goalProbability investedAt
        amount { amount currency }
        typicalRange { low high }
        badYearLoss { fraction amount { amount currency } }
        sameDayAvailable { amount currency }
        allocations { percent amount { amount currency } product { id code name riskLevel } }
        relaxations { code message }
      }
      userErrors { field message code }
    }
  }
`);

export const InvestInPlanDocument = graphql(`
  mutation InvestInPlan($input: InvestInPlanInput!) {
    investInPlan(input: $input) { recommendation { id investedAt } userErrors { field message code } }
  }
`);

export const DepositDocument = graphql(`
  mutation Deposit($input: DepositInput!) {
    deposit(input: $input) { transaction { id status } userErrors { field message code } }
  }
`);

export const WithdrawDocument = graphql(`
  mutation Withdraw($input: WithdrawInput!) {
    withdraw(input: $input) { transaction { id status } userErrors { field message code } }
  }
`);

export const PayeePreviewDocument = graphql(`
  query PayeePreview($payee: String!) { payeePreview(payee: $payee) { maskedName } }
`);

export const PayDocument = graphql(`
  mutation Pay($input: PayInput!) {
    pay(input: $input) { payment { id status } userErrors { field message code } }
  }
`);

export const PaymentsDocument = graphql(`
  query Payments($role: PaymentRole, $status: PaymentStatus) {
    me {
      id
      wallet {
        payments(role: $role, status: $status, first: 30) {
          nodes {
            id status guarantee memo createdAt autoConfirmAt holdExtended refundReason
            amount { amount currency }
            payer { id displayName }
            payee { id displayName }
          }
        }
      }
    }
  }
`);

export const ConfirmPaymentDocument = graphql(`
  mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { payment { id status } userErrors { field message code } } }
`);
export const RequestRefundDocument = graphql(`
  mutation RequestRefund($input: RequestRefundInput!) { requestRefund(input: $input) { payment { id status } userErrors { field message code } } }
`);
export const WithdrawRefundRequestDocument = graphql(`
  mutation WithdrawRefundRequest($input: WithdrawRefundRequestInput!) { withdrawRefundRequest(input: $input) { payment { id status } userErrors { field message code } } }
`);
export const ExtendPaymentHoldDocument = graphql(`
  mutation ExtendPaymentHold($input: ExtendPaymentHoldInput!) { extendPaymentHold(input: $input) { payment { id status } userErrors { field message code } } }
`);
export const RefundPaymentDocument = graphql(`
  mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { payment { id status } userErrors { field message code } } }
`);
export const DeclineRefundDocument = graphql(`
  mutation DeclineRefund($input: DeclineRefundInput!) { declineRefund(input: $input) { payment { id status } userErrors { field message code } } }
`);

export const TransactionsDocument = graphql(`
  query Transactions($kinds: [TransactionKind!], $from: Date, $to: Date, $after: String) {
    me {
      id
      wallet {
        transactions(kinds: $kinds, from: $from, to: $to, first: 30, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes {
            id kind status description createdAt incoming counterparty memo
            amount { amount currency }
            fee { amount currency }
            balanceAfter { amount currency }
          }
        }
      }
    }
  }
`);

// Today on the platform's (settable) clock: the statements' month defaults to its month.
export const PlatformDateDocument = graphql(`
  query PlatformDate {
    platformDate
  }
`);

export const StatementDocument = graphql(`
  query Statement($month: String!) {
    me {
      id
      statement(month: $month) {
        month csvPath
        incomeTotal { amount currency }
        feesTotal { amount currency }
        opening { total { amount currency } }
        closing { total { amount currency } }
        lines { date kind description amount { amount currency } balanceAfter { amount currency } }
      }
    }
  }
`);

export const NotificationsDocument = graphql(`
  query Notifications {
    me {
      id unreadNotificationCount
      notifications(first: 30) { nodes { id kind title body occurredAt read } }
    }
  }
`);

export const MarkReadDocument = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { unreadCount userErrors { field message code } } }
`);

export const SessionsDocument = graphql(`
  query Sessions { me { id locale sessions { id current createdAt lastUsedAt userAgent ipAddress } } }
`);

export const RevokeSessionDocument = graphql(`
  mutation RevokeSession($id: ID!) { revokeSession(id: $id) { session { id } userErrors { field message code } } }
`);

export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id locale } userErrors { field message code } } }
`);
