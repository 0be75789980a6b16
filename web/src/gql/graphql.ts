/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** ABS tranche terms; give what you have, a draft may be completed later. */
export type AbsTermsInput = {
  assetCorrelation?: string | null | undefined;
  couponRate?: string | null | undefined;
  creditEnhancement?: string | null | undefined;
  defaultProbability?: string | null | undefined;
  detachment?: string | null | undefined;
  earlyAmortisationTrigger?: string | null | undefined;
  loanCount?: number | null | undefined;
  lossGivenDefault?: string | null | undefined;
  revolvingMonths?: number | null | undefined;
  termMonths?: number | null | undefined;
};

/** A four-eyes request (an unusual income figure, a NAV correction): PENDING until a second member of staff APPROVED or REJECTED it, or its author WITHDREW it (WITHDRAWN). */
export type ApprovalStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED'
  | 'WITHDRAWN';

export type ApproveProductChangeInput = {
  changeRequestId: string | number;
};

export type ApproveProductStatusChangeInput = {
  productId: string | number;
  /** The terms revision you reviewed; refused (STALE_REVISION) if the terms changed. */
  termsRevision?: number | null | undefined;
};

/** What a product invests in (资管新规 classes; ABS units are SECURITISATION). */
export type AssetClass =
  | 'EQUITY'
  | 'FIXED_INCOME'
  | 'MIXED'
  | 'SECURITISATION';

export type BindBankCardInput = {
  bankName: string;
  cardNumber: string;
  /** Must be the verified real name. */
  holderName: string;
};

export type CancelOrderInput = {
  orderId: string | number;
};

export type ChangeProductStatusInput = {
  productId: string | number;
  status: ProductStatus;
};

export type ConfirmPaymentInput = {
  paymentId: string | number;
};

export type CorrectMoneyFundIncomeInput = {
  date: string;
  incomePer10kUnits: string;
  productId: string | number;
};

export type CorrectNavInput = {
  date: string;
  nav: string;
  productId: string | number;
};

export type CreateProductInput = {
  absTerms?: AbsTermsInput | null | undefined;
  /** FIXED_INCOME, MIXED, EQUITY or SECURITISATION (default by kind); sets the qualified-investor holding floor. */
  assetClass?: AssetClass | null | undefined;
  code: string;
  currency?: string | null | undefined;
  /** Money funds; default ROBO_FAST_REDEMPTION_DAILY_LIMIT. */
  fastRedemptionLimit?: string | null | undefined;
  issuer: string;
  kind: ProductKind;
  liquidity: LiquidityKind;
  lockDays?: number | null | undefined;
  managementFeeRate?: string | null | undefined;
  maturityDate?: string | null | undefined;
  minimumAmount: string;
  nameEn: string;
  nameZh: string;
  p2pTerms?: P2pTermsInput | null | undefined;
  /** Default: true for ABS units. */
  qualifiedOnly?: boolean | null | undefined;
  redemptionFees?: Array<RedemptionFeeInput> | null | undefined;
  /** Default 3 for equity funds, else 0. */
  redemptionSettlementDays?: number | null | undefined;
  /** Funds: the registrar (登记机构). */
  registrar?: string | null | undefined;
  riskLevel: RiskLevel;
  subscriptionFeeRate?: string | null | undefined;
  /** Funds: allow switching (转换) within the issuer and registrar (default false). */
  switchable?: boolean | null | undefined;
};

export type DailyJob =
  | 'ACCRUE_INCOME'
  | 'COLLECT_LOANS'
  | 'CONFIRM_ORDERS'
  | 'PROCESS_LOANS'
  | 'RELEASE_ESCROWS'
  | 'RUN_ABS_POOLS';

export type DailyJobResult =
  | 'ALREADY_DONE'
  | 'DONE'
  | 'NOTHING'
  | 'REFUSED'
  | 'WAITING';

export type DecideIncomeFigureInput = {
  requestId: string | number;
};

export type DecideLoanReviewInput = {
  decision: LoanReviewDecision;
  /** APPROVE: the grade whose price the loan gets (A-D); default the application's own grade. */
  grade?: string | null | undefined;
  loanApplicationId: string | number;
  /** Why, in words the applicant reads (required, at most 500 characters). */
  note: string;
};

export type DecideNavCorrectionInput = {
  correctionId: string | number;
};

export type DeclineRefundInput = {
  paymentId: string | number;
  reason?: string | null | undefined;
};

export type DepositInput = {
  amount: string;
  /** Default: the most recently bound card. */
  bankCardId?: string | number | null | undefined;
  /** Your unique key for this deposit (1-255 characters); a retry with the same key does not deposit twice. */
  idempotencyKey: string;
};

export type DisputeOutcome =
  | 'REFUND'
  | 'RELEASE';

/** Why a request was refused (stable, for clients to branch on). */
export type ErrorCode =
  | 'ABS_COLLECTIONS_PENDING'
  | 'ABS_GUARANTOR_CAPACITY'
  | 'ABS_INVALID_TERMS'
  | 'ABS_LENDER_LIMIT'
  | 'ABS_NOT_YET_CLOSING'
  | 'ABS_NO_ELIGIBLE_LOANS'
  | 'ABS_PERIOD_ALREADY_RUN'
  | 'ABS_PERIOD_IN_FUTURE'
  | 'ABS_PERIOD_OUT_OF_ORDER'
  | 'ABS_POOL_NOT_ACTIVE'
  | 'ABS_POOL_NOT_FOUND'
  | 'ABS_RETENTION_TOO_LOW'
  | 'ABS_SENIOR_NOT_PLACED'
  | 'ABS_TRANCHES_DO_NOT_ADD_UP'
  | 'ACKNOWLEDGEMENT_REQUIRED'
  | 'AMOUNT_BELOW_MINIMUM'
  | 'AMOUNT_TOO_LARGE'
  | 'ANSWER_KIND_MISMATCH'
  | 'APPLICATION_NOT_DECLINED'
  | 'ASSESSMENT_REQUIRED'
  | 'BELOW_QUALIFIED_HOLDING'
  | 'BORROWER_IN_DEFAULT'
  | 'CALENDAR_IMPORT_INVALID'
  | 'CALENDAR_NOT_PUBLISHED'
  | 'CANNOT_PAY_SELF'
  | 'CARD_HOLDER_MISMATCH'
  | 'CHANGE_NEEDS_APPROVAL'
  | 'CHANGE_REQUEST_NOT_PENDING'
  | 'CLOCK_BEFORE_LEDGER'
  | 'CLOCK_NOT_SETTABLE'
  | 'CONFLICTING_OPTIONS'
  | 'CONFLICT_OF_INTEREST'
  | 'CREDIT_CONSENT_REQUIRED'
  | 'CURRENCY_FIXED'
  | 'CUT_OFF_PASSED'
  | 'DAILY_LIMIT_EXCEEDED'
  | 'DATE_IN_FUTURE'
  | 'DISTRIBUTION_NOT_PENDING'
  | 'DUPLICATE_ANSWER'
  | 'DUPLICATE_CODE'
  | 'DUPLICATE_DATE'
  | 'EMAIL_TAKEN'
  | 'FAST_REDEMPTION_LIMIT'
  | 'FAST_REDEMPTION_NOT_AVAILABLE'
  | 'FORBIDDEN'
  | 'GOAL_CATEGORY_TOO_HIGH'
  | 'GOAL_CLOSED'
  | 'GOAL_NEEDS_REVIEW'
  | 'GROUP_LIMITS_INFEASIBLE'
  | 'HOLD_ALREADY_EXTENDED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDENTITY_ALREADY_USED'
  | 'IDENTITY_ALREADY_VERIFIED'
  | 'IDENTITY_MISMATCH'
  | 'IDENTITY_NOT_VERIFIED'
  | 'IMPORT_REJECTED'
  | 'INCOME_NEEDS_APPROVAL'
  | 'INCOME_NOT_DISTRIBUTED'
  | 'INFEASIBLE'
  | 'INSUFFICIENT_DATA'
  | 'INSUFFICIENT_FUNDS'
  | 'INSUFFICIENT_UNITS'
  | 'INVALID_AMOUNT'
  | 'INVALID_AUTO_CONFIRM_DAYS'
  | 'INVALID_BANK_NAME'
  | 'INVALID_CARD_NUMBER'
  | 'INVALID_CODE'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_CURSOR'
  | 'INVALID_DECIMAL'
  | 'INVALID_DISPLAY_NAME'
  | 'INVALID_DISTRIBUTION'
  | 'INVALID_EMAIL'
  | 'INVALID_FEE'
  | 'INVALID_FRONTIER_POINTS'
  | 'INVALID_FUNDING'
  | 'INVALID_GOAL'
  | 'INVALID_HORIZON'
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'INVALID_ID_NUMBER'
  | 'INVALID_INCOME'
  | 'INVALID_INPUT'
  | 'INVALID_JOB_DATE'
  | 'INVALID_LIQUIDITY'
  | 'INVALID_LOAN_TERMS'
  | 'INVALID_LOCALE'
  | 'INVALID_MEMO'
  | 'INVALID_MINIMUM_AMOUNT'
  | 'INVALID_NAME'
  | 'INVALID_NAV'
  | 'INVALID_NUMBER'
  | 'INVALID_OPTIMIZER_INPUT'
  | 'INVALID_PAYMENT_PASSWORD'
  | 'INVALID_REAL_NAME'
  | 'INVALID_REASON'
  | 'INVALID_REMINDER_DATE'
  | 'INVALID_REVIEW'
  | 'INVALID_RISK_LEVEL'
  | 'INVALID_ROLE'
  | 'INVALID_SCHEDULE'
  | 'INVALID_TEXT'
  | 'INVALID_TOKEN'
  | 'JOB_RUN_NOT_FAILED'
  | 'JOB_RUN_NOT_FOUND'
  | 'KIND_LIMITS_INFEASIBLE'
  | 'LENDER_CAPACITY'
  | 'LOAN_ALREADY_SOLD'
  | 'LOAN_AMOUNT_ABOVE_LIMIT'
  | 'LOAN_AMOUNT_BELOW_MINIMUM'
  | 'LOAN_CLOSED'
  | 'LOAN_FUNDS_NOT_INVESTABLE'
  | 'LOAN_NOT_ELIGIBLE'
  | 'LOAN_TERM_OUT_OF_RANGE'
  | 'MISSING_ANSWER'
  | 'NAV_NOT_YET_KNOWN'
  | 'NOT_A_TRADING_DAY'
  | 'NOT_ENOUGH_OUTCOMES'
  | 'NOT_FOUND'
  | 'NO_BANK_CARD'
  | 'NO_CREDIT_MODEL'
  | 'NO_ELIGIBLE_PRODUCT'
  | 'NO_EXCESS_RETURN'
  | 'NO_MONEY_FUND_TO_PAY_FROM'
  | 'NO_PENDING_APPROVAL'
  | 'NO_PLAN_TO_REBALANCE'
  | 'NO_PLAN_TO_REVIEW'
  | 'ORDER_NOT_CANCELLABLE'
  | 'PAYMENT_NOT_DISPUTED'
  | 'PAYMENT_NOT_HELD'
  | 'PAYMENT_PASSWORD_BLOCKED'
  | 'PAYMENT_PASSWORD_REQUIRED'
  | 'PLAN_ALREADY_INVESTED'
  | 'PLAN_CANCELLED'
  | 'PLAN_CHANGED'
  | 'PLAN_NOT_INVESTABLE'
  | 'PRODUCT_CLOSED'
  | 'PRODUCT_NOT_FOUND'
  | 'PRODUCT_NOT_ON_SALE'
  | 'QUALIFIED_ONLY'
  | 'QUESTIONNAIRE_NOT_FOUND'
  | 'QUESTIONNAIRE_RETIRED'
  | 'RATE_LIMITED'
  | 'REDEMPTION_BELOW_QUALIFIED_HOLDING'
  | 'REDEMPTION_LOCKED'
  | 'REFUND_NOT_REQUESTED'
  | 'REFUND_REQUEST_ALREADY_WITHDRAWN'
  | 'REPAYMENT_EXCEEDS_OUTSTANDING'
  | 'REVIEWER_IS_APPLICANT'
  | 'REVIEW_ALREADY_DECIDED'
  | 'REVIEW_NOT_REQUESTED'
  | 'RISK_LIMIT_UNATTAINABLE'
  | 'SAME_APPROVER'
  | 'SOLVER_FAILED'
  | 'STALE_REVISION'
  | 'STATUS_CHANGE_NOT_ALLOWED'
  | 'SUITABILITY_FORBIDDEN'
  | 'SWITCH_NOT_ALLOWED'
  | 'TARGET_RETURN_UNATTAINABLE'
  | 'TARGET_RISK_UNATTAINABLE'
  | 'TERMS_VERSION_OUTDATED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_REVOKED'
  | 'TOO_MANY_ATTEMPTS'
  | 'TOO_MANY_HOLDERS'
  | 'TOO_MANY_NOTIFICATIONS'
  | 'TRANSACTION_LIMIT_EXCEEDED'
  | 'UNAUTHENTICATED'
  | 'UNBOUNDED'
  | 'UNITS_OR_AMOUNT'
  | 'UNKNOWN_OPTION'
  | 'UNKNOWN_PAYEE'
  | 'UNKNOWN_QUESTION'
  | 'UNKNOWN_USER'
  | 'UNSUPPORTED_LOCALE'
  | 'USER_FROZEN'
  | 'VALUE_OUT_OF_RANGE'
  | 'WEAK_PASSWORD'
  | 'WEIGHT_BOUNDS_INFEASIBLE'
  | 'WITHDRAWAL_NOT_PENDING'
  | 'WRONG_CURRENCY'
  | 'WRONG_PAYMENT_PASSWORD'
  | 'WRONG_PRODUCT_KIND';

export type ExtendPaymentHoldInput = {
  paymentId: string | number;
};

export type ImportProductHistoryInput = {
  /** The CSV file (multipart upload), UTF-8 with a header product_code,date,nav | product_code,date,income_per_10k | product_code,date,value and one point a line. */
  file: File;
};

export type ImportTradingCalendarInput = {
  /** The notice as CSV: header date,name; one weekday closure a line (YYYY-MM-DD, name). */
  csv: string;
  /** Where it came from (the notice's title or URL). */
  source?: string | null | undefined;
};

export type InvestInPlanInput = {
  /** A retry with the same key returns the first result; never pays twice. */
  idempotencyKey: string;
  /** Needed when you set one. */
  paymentPassword?: string | null | undefined;
  recommendationId: string | number;
};

export type JobRunState =
  | 'DONE'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'WAITING';

/** SAME_DAY (T+0), NEXT_DAY (confirmed the next trading day) or LOCKED (for N days or until maturity). */
export type LiquidityKind =
  | 'LOCKED'
  | 'NEXT_DAY'
  | 'SAME_DAY';

export type LoanDecision =
  | 'APPROVED'
  | 'DECLINED';

/** UPHOLD the automated decline, or APPROVE the application (the loan is booked and drawn). */
export type LoanReviewDecision =
  | 'APPROVE'
  | 'UPHOLD';

/** PENDING (a person has not decided yet), UPHELD (still declined) or APPROVED (the loan was booked). */
export type LoanReviewOutcome =
  | 'APPROVED'
  | 'PENDING'
  | 'UPHELD';

export type LoginInput = {
  email: string;
  password: string;
};

/** Who covers part of a P2P product's losses (the platform itself never guarantees principal). */
export type LossCover =
  | 'GUARANTOR'
  | 'NONE'
  | 'RISK_RESERVE';

/** What a notification is about: a wallet or portfolio event (the names of `walletEvents` and `portfolioEvents`), or a reminder (ESCROW_AUTO_CONFIRM_TOMORROW, RISK_ASSESSMENT_EXPIRING, PLAN_DRIFTED). */
export type NotificationKind =
  | 'AUTOMATIC_REBALANCE'
  | 'COUPON_PAID'
  | 'DEPOSIT_COMPLETED'
  | 'ESCROW_AUTO_CONFIRM_TOMORROW'
  | 'GOAL_NEEDS_REVIEW'
  | 'INCOME_CREDITED'
  | 'INVESTMENT_PLAN_PAUSED'
  | 'INVESTMENT_PLAN_RUN'
  | 'INVESTMENT_PLAN_SKIPPED'
  | 'ORDER_CONFIRMED'
  | 'ORDER_FAILED'
  | 'PAYMENT_HELD'
  | 'PAYMENT_RECEIVED'
  | 'PAYMENT_REFUNDED'
  | 'PAYMENT_RELEASED'
  | 'PAYMENT_SENT'
  | 'PLAN_DRIFTED'
  | 'REDEMPTION_PAID'
  | 'RISK_ASSESSMENT_EXPIRING'
  | 'WITHDRAWAL_COMPLETED'
  | 'WITHDRAWAL_FAILED';

export type OrderSide =
  | 'REDEEM'
  | 'SUBSCRIBE';

/** PENDING (waiting for its trade day's price), CONFIRMED, CANCELLED (before the cut-off), FAILED. */
export type OrderStatus =
  | 'CANCELLED'
  | 'CONFIRMED'
  | 'FAILED'
  | 'PENDING';

/** P2P product terms; give what you have, a draft may be completed later. */
export type P2pTermsInput = {
  annualRate?: string | null | undefined;
  assetCorrelation?: string | null | undefined;
  defaultProbability?: string | null | undefined;
  earlyExit?: boolean | null | undefined;
  loanCount?: number | null | undefined;
  lossCover?: LossCover | null | undefined;
  lossCoverRatio?: string | null | undefined;
  recoveryRate?: string | null | undefined;
  repaymentMethod?: RepaymentMethod | null | undefined;
  termMonths?: number | null | undefined;
};

export type PayInput = {
  amount: string;
  /** Guarantee payments: release by itself after this many days (default 10). */
  autoConfirmDays?: number | null | undefined;
  /** Hold the money in escrow until you confirm. */
  guarantee?: boolean;
  idempotencyKey: string;
  memo?: string | null | undefined;
  /** The payee's email or global user id (`Payment.payee.id`). */
  payee: string;
  paymentPassword?: string | null | undefined;
  /** Where the money comes from. */
  source?: PaymentSource;
};

/** SENT (you paid) or RECEIVED. */
export type PaymentRole =
  | 'RECEIVED'
  | 'SENT';

/** WALLET: the wallet's cash. MONEY_FUND: the money-fund balance (a fast redemption, within its daily limit). */
export type PaymentSource =
  | 'MONEY_FUND'
  | 'WALLET';

/** COMPLETED (direct payment), HELD (guarantee payment in escrow), REFUND_REQUESTED (the payer asked for a refund; the timer is paused), DISPUTED (the payee declined; an operator decides), RELEASED (paid to the payee), REFUNDED (returned to the payer). */
export type PaymentStatus =
  | 'COMPLETED'
  | 'DISPUTED'
  | 'HELD'
  | 'REFUNDED'
  | 'REFUND_REQUESTED'
  | 'RELEASED';

export type PortfolioEventKind =
  | 'COUPON_PAID'
  | 'INCOME_CREDITED'
  | 'ORDER_CONFIRMED'
  | 'ORDER_FAILED'
  | 'REDEMPTION_PAID';

export type ProductChangeRequestStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED'
  | 'SUPERSEDED'
  | 'WITHDRAWN';

/** What a product is. */
export type ProductKind =
  | 'ABS_UNIT'
  | 'EQUITY_FUND'
  | 'MONEY_FUND'
  | 'P2P_LOAN';

/** Lifecycle: DRAFT -> (PENDING_APPROVAL) -> ON_SALE -> SUSPENDED -> ON_SALE / CLOSED. */
export type ProductStatus =
  | 'CLOSED'
  | 'DRAFT'
  | 'ON_SALE'
  | 'PENDING_APPROVAL'
  | 'SUSPENDED';

export type QuestionKind =
  | 'MULTIPLE_CHOICE'
  | 'NUMBER'
  | 'SINGLE_CHOICE';

export type QuestionSection =
  | 'CAPACITY'
  | 'WILLINGNESS';

/** What a number answer counts: CNY, age in years, or years. */
export type QuestionUnit =
  | 'AGE'
  | 'CNY'
  | 'YEARS';

export type RecordMoneyFundIncomeInput = {
  date: string;
  incomePer10kUnits: string;
  productId: string | number;
};

export type RecordNavInput = {
  date: string;
  nav: string;
  productId: string | number;
};

/** Give exactly one of units and amount (amount: money funds). */
export type RedeemInput = {
  amount?: string | null | undefined;
  /** Money funds: cash at once, within the daily limit. */
  fast?: boolean;
  idempotencyKey: string;
  paymentPassword?: string | null | undefined;
  productId: string | number;
  units?: string | null | undefined;
};

export type RedemptionFeeInput = {
  minHoldingDays: number;
  rate: string;
};

export type RefreshTokenInput = {
  refreshToken: string;
};

export type RefundPaymentInput = {
  paymentId: string | number;
  reason?: string | null | undefined;
};

export type RegisterInput = {
  displayName?: string | null | undefined;
  email: string;
  locale?: string | null | undefined;
  password: string;
};

export type RejectProductChangeInput = {
  changeRequestId: string | number;
  note?: string | null | undefined;
};

/** How a constraint that could not be met as asked was relaxed (in the order they are tried). */
export type RelaxationCode =
  | 'BELOW_MINIMUM_DROPPED'
  | 'LIQUIDITY_FLOOR_CAPPED'
  | 'LIQUIDITY_FLOOR_DROPPED'
  | 'PRODUCT_SHARE_LIFTED';

export type RepaymentMethod =
  | 'BULLET'
  | 'EQUAL_INSTALMENTS';

export type RequestRecommendationInput = {
  amount: string;
  /** A target for the horizon (optional). */
  goalAmount?: string | null | undefined;
  /** Default: your assessment's horizon. */
  horizonMonths?: number | null | undefined;
  /** What you may need within a year; default: your assessment's answer. */
  liquidityNeed?: string | null | undefined;
};

export type RequestRefundInput = {
  paymentId: string | number;
  reason: string;
};

export type RerunDailyJobInput = {
  id: string | number;
};

export type ResolveDisputeInput = {
  note?: string | null | undefined;
  outcome: DisputeOutcome;
  paymentId: string | number;
};

export type RiskAnswerInput = {
  /** For a SINGLE_CHOICE question. */
  optionId?: string | null | undefined;
  /** For a MULTIPLE_CHOICE question. */
  optionIds?: Array<string> | null | undefined;
  questionId: string;
  /** For a NUMBER question. */
  value?: string | null | undefined;
};

/** Investor risk category, C1 (conservative) to C5 (aggressive). */
export type RiskCategory =
  | 'C1'
  | 'C2'
  | 'C3'
  | 'C4'
  | 'C5';

/** Product risk level, R1 (lowest) to R5. */
export type RiskLevel =
  | 'R1'
  | 'R2'
  | 'R3'
  | 'R4'
  | 'R5';

/** CURRENT; EXPIRING (under 30 days left); EXPIRED; MISSING (never assessed); SUPERSEDED (an older assessment). */
export type RiskProfileStatus =
  | 'CURRENT'
  | 'EXPIRED'
  | 'EXPIRING'
  | 'MISSING'
  | 'SUPERSEDED';

export type Role =
  | 'CUSTOMER'
  | 'OPERATOR'
  | 'PRODUCT_MANAGER';

export type RunDailyJobInput = {
  date: string;
  job: DailyJob;
};

/** A job the scheduler runs. */
export type ScheduledJob =
  | 'ACCRUE_INCOME'
  | 'AUTOMATION'
  | 'CALENDAR_WARNING'
  | 'COLLECT_LOANS'
  | 'CONFIRM_ORDERS'
  | 'LOGIN_CLEANUP'
  | 'NOTIFICATIONS_FEED'
  | 'PROCESS_LOANS'
  | 'RELEASE_ESCROWS'
  | 'REMINDERS'
  | 'RUN_ABS_POOLS'
  | 'SCORE_CREDIT';

/** NAV (equity funds), INCOME_PER_10K and SEVEN_DAY_YIELD (money funds; a fraction, 0.018417 = 1.8417%). A metric of another kind of product gives an empty series. */
export type SeriesMetric =
  | 'INCOME_PER_10K'
  | 'NAV'
  | 'SEVEN_DAY_YIELD';

export type SetClockInput = {
  /** The new platform time, with its zone (2027-01-04T09:00:00+08:00); it runs on from there. */
  at: string;
};

export type SetPaymentPasswordInput = {
  /** Needed to change it. */
  currentPaymentPassword?: string | null | undefined;
  /** 6 digits. */
  paymentPassword: string;
};

export type SubmitRiskAssessmentInput = {
  answers: Array<RiskAnswerInput>;
  /** Of the explanation: "zh-CN" or "en" (default: yours). */
  locale?: string | null | undefined;
  questionnaireId: string;
};

export type SubscribeInput = {
  /** The id of the suitability warning you acknowledged (above your category). */
  acknowledgedWarningId?: string | null | undefined;
  /** Gross: the subscription fee comes off it. */
  amount: string;
  /** Your unique key for this order; a retry does not buy twice. */
  idempotencyKey: string;
  paymentPassword?: string | null | undefined;
  productId: string | number;
};

export type SuitabilityDecision =
  | 'ALLOWED'
  | 'FORBIDDEN'
  | 'NEEDS_ACKNOWLEDGEMENT';

/** Switch (转换) units of one fund into another of the same manager and registrar: give exactly one of units and amount (amount: money funds). */
export type SwitchFundInput = {
  /** The id of the suitability warning you acknowledged for the target fund. */
  acknowledgedWarningId?: string | null | undefined;
  amount?: string | null | undefined;
  fromProductId: string | number;
  /** Your unique key for this switch; a retry does not switch twice. */
  idempotencyKey: string;
  paymentPassword?: string | null | undefined;
  toProductId: string | number;
  units?: string | null | undefined;
};

export type TransactionKind =
  | 'COUPON'
  | 'DEPOSIT'
  | 'DIVIDEND'
  | 'ESCROW_HOLD'
  | 'ESCROW_REFUND'
  | 'ESCROW_RELEASE'
  | 'FEE'
  | 'GUARANTOR_PAYMENT'
  | 'INCOME'
  | 'LOAN_DRAWDOWN'
  | 'LOAN_REPAYMENT'
  | 'NEGATIVE_INCOME'
  | 'PAYMENT_RECEIVED'
  | 'PAYMENT_SENT'
  | 'PRICE_CORRECTION'
  | 'PRINCIPAL'
  | 'REDEMPTION'
  | 'SUBSCRIPTION'
  | 'SUBSCRIPTION_REFUND'
  | 'SWITCH'
  | 'WITHDRAWAL'
  | 'WRITE_DOWN';

export type TransactionStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING';

/** Only the fields given change; null clears an optional field. */
export type UpdateProductInput = {
  absTerms?: AbsTermsInput | null | undefined;
  assetClass?: AssetClass | null | undefined;
  currency?: string | null | undefined;
  fastRedemptionLimit?: string | null | undefined;
  issuer?: string | null | undefined;
  liquidity?: LiquidityKind | null | undefined;
  lockDays?: number | null | undefined;
  managementFeeRate?: string | null | undefined;
  maturityDate?: string | null | undefined;
  minimumAmount?: string | null | undefined;
  nameEn?: string | null | undefined;
  nameZh?: string | null | undefined;
  p2pTerms?: P2pTermsInput | null | undefined;
  productId: string | number;
  qualifiedOnly?: boolean | null | undefined;
  redemptionFees?: Array<RedemptionFeeInput> | null | undefined;
  redemptionSettlementDays?: number | null | undefined;
  registrar?: string | null | undefined;
  riskLevel?: RiskLevel | null | undefined;
  subscriptionFeeRate?: string | null | undefined;
  switchable?: boolean | null | undefined;
};

export type UpdateProfileInput = {
  displayName?: string | null | undefined;
  /** "zh-CN" or "en". */
  locale?: string | null | undefined;
};

export type VerifyIdentityInput = {
  /** 18-character resident identity number (GB 11643). */
  idNumber: string;
  realName: string;
};

export type WalletEventKind =
  | 'DEPOSIT_COMPLETED'
  | 'PAYMENT_HELD'
  | 'PAYMENT_RECEIVED'
  | 'PAYMENT_REFUNDED'
  | 'PAYMENT_RELEASED'
  | 'PAYMENT_SENT'
  | 'WITHDRAWAL_COMPLETED'
  | 'WITHDRAWAL_FAILED';

export type WithdrawInput = {
  amount: string;
  bankCardId?: string | number | null | undefined;
  idempotencyKey: string;
  paymentPassword?: string | null | undefined;
};

export type WithdrawRefundRequestInput = {
  paymentId: string | number;
};

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { token: string | null, refreshToken: string | null, user: { id: string, roles: Array<Role>, locale: string, displayName: string } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { register: { token: string | null, refreshToken: string | null, user: { id: string, roles: Array<Role>, locale: string, displayName: string } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { id: string, displayName: string, email: string, locale: string, roles: Array<Role>, unreadNotificationCount: number, riskProfile: { status: RiskProfileStatus, riskCategory: RiskCategory | null, recommendableUpTo: RiskLevel, expiresAt: string | null } | null, wallet: { paymentPasswordSet: boolean, identity: { realName: string, idNumberMasked: string } | null, bankCards: Array<{ id: string, bankName: string, last4: string }> } | null } | null };

export type HomeQueryVariables = Exact<{ [key: string]: never; }>;


export type HomeQuery = { me: { id: string, displayName: string, unreadNotificationCount: number, wallet: { available: { amount: string, currency: string }, held: { amount: string, currency: string } } | null, portfolio: { totalValue: { amount: string, currency: string }, cash: { amount: string, currency: string }, inTransit: { amount: string, currency: string }, yesterdayIncome: { amount: string, currency: string }, cumulativeIncome: { amount: string, currency: string }, moneyFundBalance: { amount: string, currency: string }, holdings: Array<{ units: string, value: { amount: string, currency: string }, yesterdayIncome: { amount: string, currency: string }, product: { id: string, code: string, name: string, kind: ProductKind, sevenDayAnnualizedYield: string | null } }>, pendingOrders: Array<{ id: string, side: OrderSide, status: OrderStatus, tradeDate: string, cancellableUntil: string | null, amount: { amount: string, currency: string } | null, product: { id: string, code: string, name: string } }> } | null } | null, moneyFunds: { nodes: Array<{ id: string, name: string, sevenDayAnnualizedYield: string | null }> } };

export type WalletAmountsQueryVariables = Exact<{ [key: string]: never; }>;


export type WalletAmountsQuery = { me: { id: string, wallet: { available: { amount: string, currency: string }, held: { amount: string, currency: string }, balance: { amount: string, currency: string } } | null } | null };

export type WalletEventsSubscriptionVariables = Exact<{
  after?: string | number | null | undefined;
}>;


export type WalletEventsSubscription = { walletEvents: { id: string, kind: WalletEventKind, occurredAt: string, payment: { id: string, status: PaymentStatus } | null, transaction: { id: string } | null } };

export type PortfolioEventsSubscriptionVariables = Exact<{
  after?: string | number | null | undefined;
}>;


export type PortfolioEventsSubscription = { portfolioEvents: { id: string, kind: PortfolioEventKind, occurredAt: string, order: { id: string, status: OrderStatus } | null, product: { id: string } | null, amount: { amount: string, currency: string } | null } };

export type CancelOrderMutationVariables = Exact<{
  input: CancelOrderInput;
}>;


export type CancelOrderMutation = { cancelOrder: { order: { id: string, status: OrderStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type VerifyIdentityMutationVariables = Exact<{
  input: VerifyIdentityInput;
}>;


export type VerifyIdentityMutation = { verifyIdentity: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type BindBankCardMutationVariables = Exact<{
  input: BindBankCardInput;
}>;


export type BindBankCardMutation = { bindBankCard: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type SetPaymentPasswordMutationVariables = Exact<{
  input: SetPaymentPasswordInput;
}>;


export type SetPaymentPasswordMutation = { setPaymentPassword: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type QuestionnaireQueryVariables = Exact<{
  locale?: string | null | undefined;
}>;


export type QuestionnaireQuery = { riskQuestionnaire: { id: string, title: string, version: number, locale: string, questions: Array<{ id: string, kind: QuestionKind, section: QuestionSection, label: string, text: string, unit: QuestionUnit | null, minValue: string | null, maxValue: string | null, decimalPlaces: number | null, options: Array<{ id: string, text: string }> }> } };

export type SubmitRiskAssessmentMutationVariables = Exact<{
  input: SubmitRiskAssessmentInput;
}>;


export type SubmitRiskAssessmentMutation = { submitRiskAssessment: { assessment: { id: string, riskCategory: RiskCategory, explanation: string, horizonMonths: number } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type CatalogueQueryVariables = Exact<{
  kind?: ProductKind | null | undefined;
  search?: string | null | undefined;
}>;


export type CatalogueQuery = { products: { totalCount: number, nodes: Array<{ id: string, code: string, name: string, kind: ProductKind, riskLevel: RiskLevel, status: ProductStatus, sevenDayAnnualizedYield: string | null, minimumAmount: { amount: string, currency: string }, figures: { expectedAnnualReturn: string, badYearLoss: { fraction: string, amount: { amount: string, currency: string } } } | null, liquidity: { kind: LiquidityKind, availableAfterDays: number }, viewerSuitability: { decision: SuitabilityDecision, reason: string, warning: { id: string, text: string } | null } | null }> } };

export type ProductQueryVariables = Exact<{
  id: string | number;
}>;


export type ProductQuery = { product: { id: string, code: string, name: string, kind: ProductKind, riskLevel: RiskLevel, status: ProductStatus, issuer: string, registrar: string | null, switchable: boolean, latestNav: string | null, latestNavDate: string | null, incomePer10kUnits: string | null, sevenDayAnnualizedYield: string | null, minimumAmount: { amount: string, currency: string }, fees: { subscriptionRate: string, managementRate: string }, figures: { expectedAnnualReturn: string, probabilityOfLoss: string | null, typicalRange: { low: string, high: string }, badYearLoss: { fraction: string, amount: { amount: string, currency: string } } } | null, liquidity: { kind: LiquidityKind, availableAfterDays: number, lockDays: number | null }, viewerSuitability: { decision: SuitabilityDecision, reason: string, warning: { id: string, text: string } | null } | null } | null };

export type ProductSeriesQueryVariables = Exact<{
  id: string | number;
  metric: SeriesMetric;
  from?: string | null | undefined;
}>;


export type ProductSeriesQuery = { product: { id: string, series: Array<{ date: string, value: string }> } | null };

export type SubscribeMutationVariables = Exact<{
  input: SubscribeInput;
}>;


export type SubscribeMutation = { subscribe: { order: { id: string, status: OrderStatus, tradeDate: string } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RedeemMutationVariables = Exact<{
  input: RedeemInput;
}>;


export type RedeemMutation = { redeem: { order: { id: string, status: OrderStatus, tradeDate: string } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type ProductHoldingQueryVariables = Exact<{ [key: string]: never; }>;


export type ProductHoldingQuery = { me: { id: string, portfolio: { holdings: Array<{ units: string, value: { amount: string, currency: string }, product: { id: string } }> } | null } | null, products: { nodes: Array<{ id: string, name: string, issuer: string, registrar: string | null, switchable: boolean, status: ProductStatus }> } };

export type SwitchFundMutationVariables = Exact<{
  input: SwitchFundInput;
}>;


export type SwitchFundMutation = { switchFund: { order: { id: string, status: OrderStatus, tradeDate: string, switchTo: { name: string } | null } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RequestRecommendationMutationVariables = Exact<{
  input: RequestRecommendationInput;
}>;


export type RequestRecommendationMutation = { requestRecommendation: { recommendation: { id: string, expectedAnnualReturn: string, probabilityOfLoss: string, explanation: string, earliestFullWithdrawal: string, goalProbability: string | null, investedAt: string | null, amount: { amount: string, currency: string }, typicalRange: { low: string, high: string }, badYearLoss: { fraction: string, amount: { amount: string, currency: string } }, sameDayAvailable: { amount: string, currency: string }, allocations: Array<{ percent: string, amount: { amount: string, currency: string }, product: { id: string, code: string, name: string, riskLevel: RiskLevel } }>, relaxations: Array<{ code: RelaxationCode, message: string }> } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type InvestInPlanMutationVariables = Exact<{
  input: InvestInPlanInput;
}>;


export type InvestInPlanMutation = { investInPlan: { recommendation: { id: string, investedAt: string | null } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type DepositMutationVariables = Exact<{
  input: DepositInput;
}>;


export type DepositMutation = { deposit: { transaction: { id: string, status: TransactionStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type WithdrawMutationVariables = Exact<{
  input: WithdrawInput;
}>;


export type WithdrawMutation = { withdraw: { transaction: { id: string, status: TransactionStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type PayeePreviewQueryVariables = Exact<{
  payee: string;
}>;


export type PayeePreviewQuery = { payeePreview: { maskedName: string } | null };

export type PayMutationVariables = Exact<{
  input: PayInput;
}>;


export type PayMutation = { pay: { payment: { id: string, status: PaymentStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type PaymentsQueryVariables = Exact<{
  role?: PaymentRole | null | undefined;
  status?: PaymentStatus | null | undefined;
}>;


export type PaymentsQuery = { me: { id: string, wallet: { payments: { nodes: Array<{ id: string, status: PaymentStatus, guarantee: boolean, memo: string | null, createdAt: string, autoConfirmAt: string | null, holdExtended: boolean, refundReason: string | null, amount: { amount: string, currency: string }, payer: { id: string, displayName: string }, payee: { id: string, displayName: string } }> } } | null } | null };

export type ConfirmPaymentMutationVariables = Exact<{
  input: ConfirmPaymentInput;
}>;


export type ConfirmPaymentMutation = { confirmPayment: { payment: { id: string, status: PaymentStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RequestRefundMutationVariables = Exact<{
  input: RequestRefundInput;
}>;


export type RequestRefundMutation = { requestRefund: { payment: { id: string, status: PaymentStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type WithdrawRefundRequestMutationVariables = Exact<{
  input: WithdrawRefundRequestInput;
}>;


export type WithdrawRefundRequestMutation = { withdrawRefundRequest: { payment: { id: string, status: PaymentStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type ExtendPaymentHoldMutationVariables = Exact<{
  input: ExtendPaymentHoldInput;
}>;


export type ExtendPaymentHoldMutation = { extendPaymentHold: { payment: { id: string, status: PaymentStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RefundPaymentMutationVariables = Exact<{
  input: RefundPaymentInput;
}>;


export type RefundPaymentMutation = { refundPayment: { payment: { id: string, status: PaymentStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type DeclineRefundMutationVariables = Exact<{
  input: DeclineRefundInput;
}>;


export type DeclineRefundMutation = { declineRefund: { payment: { id: string, status: PaymentStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type TransactionsQueryVariables = Exact<{
  kinds?: Array<TransactionKind> | TransactionKind | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type TransactionsQuery = { me: { id: string, wallet: { transactions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, kind: TransactionKind, status: TransactionStatus, description: string, createdAt: string, incoming: boolean, counterparty: string | null, memo: string | null, amount: { amount: string, currency: string }, fee: { amount: string, currency: string } | null, balanceAfter: { amount: string, currency: string } | null }> } } | null } | null };

export type PlatformDateQueryVariables = Exact<{ [key: string]: never; }>;


export type PlatformDateQuery = { platformDate: string };

export type StatementQueryVariables = Exact<{
  month: string;
}>;


export type StatementQuery = { me: { id: string, statement: { month: string, csvPath: string, incomeTotal: { amount: string, currency: string }, feesTotal: { amount: string, currency: string }, opening: Array<{ total: { amount: string, currency: string } }>, closing: Array<{ total: { amount: string, currency: string } }>, lines: Array<{ date: string, kind: TransactionKind, description: string, amount: { amount: string, currency: string }, balanceAfter: { amount: string, currency: string } }> } | null } | null };

export type NotificationsQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationsQuery = { me: { id: string, unreadNotificationCount: number, notifications: { nodes: Array<{ id: string, kind: NotificationKind, title: string, body: string, occurredAt: string, read: boolean }> } | null } | null };

export type MarkNotificationsReadMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type MarkNotificationsReadMutation = { markNotificationsRead: { unreadCount: number | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type SessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type SessionsQuery = { me: { id: string, locale: string, sessions: Array<{ id: string, current: boolean, createdAt: string, lastUsedAt: string, userAgent: string | null, ipAddress: string | null }> | null } | null };

export type RevokeSessionMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeSessionMutation = { revokeSession: { session: { id: string } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateProfileMutation = { updateProfile: { user: { id: string, locale: string } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type StaffProductsQueryVariables = Exact<{
  status?: ProductStatus | null | undefined;
}>;


export type StaffProductsQuery = { products: { nodes: Array<{ id: string, code: string, name: string, kind: ProductKind, riskLevel: RiskLevel, status: ProductStatus, termsRevision: number, issuer: string, minimumAmount: { amount: string, currency: string }, pendingApproval: { previousStatus: ProductStatus, requestedAt: string | null, requestedById: string | null } | null, pendingChange: { id: string, requestedBy: string } | null }> } };

export type StaffProductQueryVariables = Exact<{
  id: string | number;
}>;


export type StaffProductQuery = { product: { id: string, code: string, nameZh: string, nameEn: string, kind: ProductKind, riskLevel: RiskLevel, status: ProductStatus, termsRevision: number, issuer: string, qualifiedOnly: boolean, assetClass: AssetClass, registrar: string | null, switchable: boolean, minimumAmount: { amount: string, currency: string }, fastRedemptionLimit: { amount: string, currency: string } | null, fees: { subscriptionRate: string, managementRate: string, redemption: Array<{ minHoldingDays: number, rate: string }> }, liquidity: { kind: LiquidityKind, lockDays: number | null, maturityDate: string | null, redemptionSettlementDays: number }, absTerms: { couponRate: string | null, termMonths: number | null, loanCount: number | null, defaultProbability: string | null, lossGivenDefault: string | null, assetCorrelation: string | null, creditEnhancement: string | null, detachment: string | null, earlyAmortisationTrigger: string | null, revolvingMonths: number | null } | null, p2pTerms: { annualRate: string | null, termMonths: number | null, loanCount: number | null, defaultProbability: string | null, recoveryRate: string | null, assetCorrelation: string | null, lossCover: LossCover | null, lossCoverRatio: string | null, repaymentMethod: RepaymentMethod | null, earlyExit: boolean | null } | null, pendingApproval: { previousStatus: ProductStatus, requestedAt: string | null, requestedById: string | null } | null } | null };

export type CreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type CreateProductMutation = { createProduct: { product: { id: string, status: ProductStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type UpdateProductMutationVariables = Exact<{
  input: UpdateProductInput;
}>;


export type UpdateProductMutation = { updateProduct: { product: { id: string } | null, changeRequest: { id: string, status: ProductChangeRequestStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type ChangeProductStatusMutationVariables = Exact<{
  input: ChangeProductStatusInput;
}>;


export type ChangeProductStatusMutation = { changeProductStatus: { product: { id: string, status: ProductStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type ApproveProductStatusChangeMutationVariables = Exact<{
  input: ApproveProductStatusChangeInput;
}>;


export type ApproveProductStatusChangeMutation = { approveProductStatusChange: { product: { id: string, status: ProductStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type ProductChangeRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProductChangeRequestsQuery = { productChangeRequests: { nodes: Array<{ id: string, productId: string, requestedBy: string, requestedById: string | null, requestedAt: string, status: ProductChangeRequestStatus, note: string | null, changes: Array<{ field: string, before: string | null, after: string | null }> }> } };

export type ApproveProductChangeMutationVariables = Exact<{
  input: ApproveProductChangeInput;
}>;


export type ApproveProductChangeMutation = { approveProductChange: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RejectProductChangeMutationVariables = Exact<{
  input: RejectProductChangeInput;
}>;


export type RejectProductChangeMutation = { rejectProductChange: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type ProductAuditLogQueryVariables = Exact<{
  productId: string | number;
}>;


export type ProductAuditLogQuery = { productAuditLog: { nodes: Array<{ id: string, action: string, actor: string, at: string, changes: Array<{ field: string, before: string | null, after: string | null }> }> } };

export type ImportProductHistoryMutationVariables = Exact<{
  input: ImportProductHistoryInput;
}>;


export type ImportProductHistoryMutation = { importProductHistory: { loaded: number | null, alreadyStored: number | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RecordNavMutationVariables = Exact<{
  input: RecordNavInput;
}>;


export type RecordNavMutation = { recordNav: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RecordMoneyFundIncomeMutationVariables = Exact<{
  input: RecordMoneyFundIncomeInput;
}>;


export type RecordMoneyFundIncomeMutation = { recordMoneyFundIncome: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RunDailyJobMutationVariables = Exact<{
  input: RunDailyJobInput;
}>;


export type RunDailyJobMutation = { runDailyJob: { report: { date: string, job: DailyJob, runs: Array<{ code: string, result: DailyJobResult, items: number, message: string, amount: { amount: string, currency: string } | null }> } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type DisputedPaymentsQueryVariables = Exact<{ [key: string]: never; }>;


export type DisputedPaymentsQuery = { disputedPayments: { nodes: Array<{ id: string, memo: string | null, disputeAgeDays: number | null, refundReason: string | null, amount: { amount: string, currency: string }, payer: { displayName: string }, payee: { displayName: string } }> } };

export type ResolveDisputeMutationVariables = Exact<{
  input: ResolveDisputeInput;
}>;


export type ResolveDisputeMutation = { resolveDispute: { payment: { id: string, status: PaymentStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type PendingWithdrawalsQueryVariables = Exact<{ [key: string]: never; }>;


export type PendingWithdrawalsQuery = { pendingWithdrawals: { nodes: Array<{ id: string, ageHours: number, bankName: string | null, cardLast4: string | null, amount: { amount: string, currency: string }, user: { maskedName: string } }> } | null };

export type SettleWithdrawalsMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
  failIds?: Array<string | number> | string | number | null | undefined;
}>;


export type SettleWithdrawalsMutation = { settleWithdrawals: { completed: Array<{ id: string }>, failed: Array<{ id: string }>, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type LedgerCheckQueryVariables = Exact<{ [key: string]: never; }>;


export type LedgerCheckQuery = { ledgerCheck: { ranAt: string, ranBy: string, ok: boolean, problems: Array<string> } | null };

export type RunLedgerCheckMutationVariables = Exact<{ [key: string]: never; }>;


export type RunLedgerCheckMutation = { runLedgerCheck: { ledgerCheck: { ranAt: string, ok: boolean, problems: Array<string> } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type TradingCalendarStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type TradingCalendarStatusQuery = { tradingCalendar: { knownFrom: string, knownThrough: string, daysLeft: number, needsImport: boolean } };

export type ImportTradingCalendarMutationVariables = Exact<{
  input: ImportTradingCalendarInput;
}>;


export type ImportTradingCalendarMutation = { importTradingCalendar: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type SetClockMutationVariables = Exact<{
  input: SetClockInput;
}>;


export type SetClockMutation = { setClock: { now: string | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type PendingFiguresQueryVariables = Exact<{ [key: string]: never; }>;


export type PendingFiguresQuery = { navCorrections: Array<{ id: string, productId: string, date: string, oldNav: string, newNav: string, requestedBy: string, requestedAt: string, status: ApprovalStatus }>, incomeFigureRequests: Array<{ id: string, productId: string, date: string, incomePer10kUnits: string, correction: boolean, requestedBy: string, requestedAt: string, status: ApprovalStatus }> };

export type CorrectNavMutationVariables = Exact<{
  input: CorrectNavInput;
}>;


export type CorrectNavMutation = { correctNav: { navCorrection: { id: string, status: ApprovalStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type CorrectMoneyFundIncomeMutationVariables = Exact<{
  input: CorrectMoneyFundIncomeInput;
}>;


export type CorrectMoneyFundIncomeMutation = { correctMoneyFundIncome: { income: { productId: string, date: string, incomePer10kUnits: string, holders: number, total: { amount: string, currency: string } } | null, incomeRequest: { id: string, status: ApprovalStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type ApproveNavCorrectionMutationVariables = Exact<{
  input: DecideNavCorrectionInput;
}>;


export type ApproveNavCorrectionMutation = { approveNavCorrection: { navCorrection: { id: string, status: ApprovalStatus } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RejectNavCorrectionMutationVariables = Exact<{
  input: DecideNavCorrectionInput;
}>;


export type RejectNavCorrectionMutation = { rejectNavCorrection: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type ApproveIncomeFigureMutationVariables = Exact<{
  input: DecideIncomeFigureInput;
}>;


export type ApproveIncomeFigureMutation = { approveIncomeFigure: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RejectIncomeFigureMutationVariables = Exact<{
  input: DecideIncomeFigureInput;
}>;


export type RejectIncomeFigureMutation = { rejectIncomeFigure: { userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type LoanReviewsQueryVariables = Exact<{ [key: string]: never; }>;


export type LoanReviewsQuery = { loanReviews: { totalCount: number, nodes: Array<{ id: string, applicantId: string, termMonths: number, createdAt: string, amount: { amount: string, currency: string }, reasons: Array<{ code: string, text: string }>, review: { requestedAt: string } | null }> } };

export type DecideLoanReviewMutationVariables = Exact<{
  input: DecideLoanReviewInput;
}>;


export type DecideLoanReviewMutation = { decideLoanReview: { application: { id: string, decision: LoanDecision, review: { outcome: LoanReviewOutcome, note: string | null, decidedAt: string | null } | null } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type DailyJobRunsQueryVariables = Exact<{
  date: string;
}>;


export type DailyJobRunsQuery = { dailyJobRuns: Array<{ id: string, job: ScheduledJob, date: string, productId: string | null, state: JobRunState, attempts: number, items: number | null, message: string, errors: Array<string>, tasksDone: number, tasksTotal: number, finishedAt: string | null, amount: { amount: string, currency: string } | null }> | null };

export type RerunDailyJobMutationVariables = Exact<{
  input: RerunDailyJobInput;
}>;


export type RerunDailyJobMutation = { rerunDailyJob: { run: { id: string, state: JobRunState, attempts: number, message: string, errors: Array<string> } | null, userErrors: Array<{ field: string | null, message: string, code: ErrorCode }> } };

export type RefreshTokenMutationVariables = Exact<{
  input: RefreshTokenInput;
}>;


export type RefreshTokenMutation = { refreshToken: { token: string | null, refreshToken: string | null, userErrors: Array<{ code: ErrorCode, message: string }> } };


export const LoginDocument = {"__meta__":{"hash":"sha256:e03ce5281178aa9ce2b0875cb82c1364372a283ca0c1c5f04e88c72998e30ac8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RegisterDocument = {"__meta__":{"hash":"sha256:ca649584dccc808813f31d50a3dabbcb6416a10361873622a421a302f26f0422"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const LogoutDocument = {"__meta__":{"hash":"sha256:f81f3865f90b68fa9762f3758fae13b748a5218081cc47fc82bb9a51c79f804f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const ViewerDocument = {"__meta__":{"hash":"sha256:da8a5de7f444504069bff258bd5703e59a36ad7a37ecaf180e069611d1fe59b0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}},{"kind":"Field","name":{"kind":"Name","value":"riskProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"riskCategory"}},{"kind":"Field","name":{"kind":"Name","value":"recommendableUpTo"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"wallet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paymentPasswordSet"}},{"kind":"Field","name":{"kind":"Name","value":"identity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"realName"}},{"kind":"Field","name":{"kind":"Name","value":"idNumberMasked"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bankCards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bankName"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const HomeDocument = {"__meta__":{"hash":"sha256:8cabb53d3d7fc57621185f10b5b4e945569f0f12b385704eb5e1cb8db38a0b96"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Home"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}},{"kind":"Field","name":{"kind":"Name","value":"wallet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"held"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"portfolio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cash"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inTransit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"yesterdayIncome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeIncome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"moneyFundBalance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"holdings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"yesterdayIncome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sevenDayAnnualizedYield"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pendingOrders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"tradeDate"}},{"kind":"Field","name":{"kind":"Name","value":"cancellableUntil"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"moneyFunds"},"name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"MONEY_FUND"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sevenDayAnnualizedYield"}}]}}]}}]}}]} as unknown as DocumentNode<HomeQuery, HomeQueryVariables>;
export const WalletAmountsDocument = {"__meta__":{"hash":"sha256:ed78e5ec332e39f36cdac8d94ed7ed2baced17aa3032db96a95af6b0d717fe3f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WalletAmounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"wallet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"held"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WalletAmountsQuery, WalletAmountsQueryVariables>;
export const WalletEventsDocument = {"__meta__":{"hash":"sha256:37e472ffee584dab71a0f8697b6b9c4e2ce17add46a5714d99a5a5aec9281d59"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WalletEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"walletEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<WalletEventsSubscription, WalletEventsSubscriptionVariables>;
export const PortfolioEventsDocument = {"__meta__":{"hash":"sha256:a030c97ddecf09088a45047a7cbb7338647689a861d3085acd1d29a36223dcd9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PortfolioEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"portfolioEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<PortfolioEventsSubscription, PortfolioEventsSubscriptionVariables>;
export const CancelOrderDocument = {"__meta__":{"hash":"sha256:af4b6cb06c5512c8390c316d9e81a3e7b0966fa569b548c5e18c2e0ac753e0ab"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CancelOrderMutation, CancelOrderMutationVariables>;
export const VerifyIdentityDocument = {"__meta__":{"hash":"sha256:922ddc3a6c1b133d9639a55d88729ac7e9cefd639e43fbc28c15b351c88c5212"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VerifyIdentity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VerifyIdentityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<VerifyIdentityMutation, VerifyIdentityMutationVariables>;
export const BindBankCardDocument = {"__meta__":{"hash":"sha256:934fb246fa620dce0b4549e10149fc0cd1c3f03537c32958b048351ca7d20c84"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BindBankCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BindBankCardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bindBankCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<BindBankCardMutation, BindBankCardMutationVariables>;
export const SetPaymentPasswordDocument = {"__meta__":{"hash":"sha256:7ed8a8dc9dc199103fc1f880dcd0112dff95c26db199c4ac08c5f46c124bc386"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetPaymentPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetPaymentPasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setPaymentPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SetPaymentPasswordMutation, SetPaymentPasswordMutationVariables>;
export const QuestionnaireDocument = {"__meta__":{"hash":"sha256:bd66d0f6165c58ca911cbebe6d0077603d1599cb36f32a50746ea7a5cf3d4e4f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Questionnaire"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"locale"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskQuestionnaire"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"locale"},"value":{"kind":"Variable","name":{"kind":"Name","value":"locale"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"questions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"minValue"}},{"kind":"Field","name":{"kind":"Name","value":"maxValue"}},{"kind":"Field","name":{"kind":"Name","value":"decimalPlaces"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]} as unknown as DocumentNode<QuestionnaireQuery, QuestionnaireQueryVariables>;
export const SubmitRiskAssessmentDocument = {"__meta__":{"hash":"sha256:aeb18a1e7938ff1c2224b6a3b05736d716405b2186bef94ba73ee91e5733e481"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitRiskAssessment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitRiskAssessmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitRiskAssessment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assessment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"riskCategory"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}},{"kind":"Field","name":{"kind":"Name","value":"horizonMonths"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitRiskAssessmentMutation, SubmitRiskAssessmentMutationVariables>;
export const CatalogueDocument = {"__meta__":{"hash":"sha256:23da9a01a6a78e1434ff4069c6c28bca6ee95157d77c79a81480df8831033a94"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalogue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sevenDayAnnualizedYield"}},{"kind":"Field","name":{"kind":"Name","value":"minimumAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expectedAnnualReturn"}},{"kind":"Field","name":{"kind":"Name","value":"badYearLoss"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"liquidity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"availableAfterDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerSuitability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"warning"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CatalogueQuery, CatalogueQueryVariables>;
export const ProductDocument = {"__meta__":{"hash":"sha256:9835a3349f2ae01889c54b17268659286727129ec29218c0ea6b78dde6dd956a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Product"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"registrar"}},{"kind":"Field","name":{"kind":"Name","value":"switchable"}},{"kind":"Field","name":{"kind":"Name","value":"latestNav"}},{"kind":"Field","name":{"kind":"Name","value":"latestNavDate"}},{"kind":"Field","name":{"kind":"Name","value":"incomePer10kUnits"}},{"kind":"Field","name":{"kind":"Name","value":"sevenDayAnnualizedYield"}},{"kind":"Field","name":{"kind":"Name","value":"minimumAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fees"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subscriptionRate"}},{"kind":"Field","name":{"kind":"Name","value":"managementRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expectedAnnualReturn"}},{"kind":"Field","name":{"kind":"Name","value":"typicalRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"low"}},{"kind":"Field","name":{"kind":"Name","value":"high"}}]}},{"kind":"Field","name":{"kind":"Name","value":"badYearLoss"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"probabilityOfLoss"}}]}},{"kind":"Field","name":{"kind":"Name","value":"liquidity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"availableAfterDays"}},{"kind":"Field","name":{"kind":"Name","value":"lockDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerSuitability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"warning"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProductQuery, ProductQueryVariables>;
export const ProductSeriesDocument = {"__meta__":{"hash":"sha256:113bf3982c53866fbff0c0025899e9ce84fd547fe21aaea62006816fc0afa32d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductSeries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metric"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SeriesMetric"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"series"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metric"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxPoints"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<ProductSeriesQuery, ProductSeriesQueryVariables>;
export const SubscribeDocument = {"__meta__":{"hash":"sha256:52ee2ce6397037fc1ac050cdd320f989fff6ae01035cc44547ac229ccc2bf0b6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Subscribe"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubscribeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subscribe"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"tradeDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SubscribeMutation, SubscribeMutationVariables>;
export const RedeemDocument = {"__meta__":{"hash":"sha256:cfe6d3d25c1daaf1e6ff6551f7378ccdd234df1af0ad9f74e9e48e01a2edd1c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Redeem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RedeemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"tradeDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RedeemMutation, RedeemMutationVariables>;
export const ProductHoldingDocument = {"__meta__":{"hash":"sha256:551d3c8cab964102fc7039f95a323e4a9f2fecfdb4f93e777f5646c1946fb68d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductHolding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"portfolio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"holdings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"registrar"}},{"kind":"Field","name":{"kind":"Name","value":"switchable"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ProductHoldingQuery, ProductHoldingQueryVariables>;
export const SwitchFundDocument = {"__meta__":{"hash":"sha256:3dcd2903b260677d7d61a01aca068b7e3e2665341df854a9885e7cfa86c3eee4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SwitchFund"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SwitchFundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"switchFund"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"tradeDate"}},{"kind":"Field","name":{"kind":"Name","value":"switchTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SwitchFundMutation, SwitchFundMutationVariables>;
export const RequestRecommendationDocument = {"__meta__":{"hash":"sha256:d84307c7dce90080a463ae3539919bd9d5cb2f502791f6b307b7acb87c4860fa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestRecommendation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestRecommendationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestRecommendation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recommendation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"expectedAnnualReturn"}},{"kind":"Field","name":{"kind":"Name","value":"probabilityOfLoss"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}},{"kind":"Field","name":{"kind":"Name","value":"earliestFullWithdrawal"}},{"kind":"Field","name":{"kind":"Name","value":"goalProbability"}},{"kind":"Field","name":{"kind":"Name","value":"investedAt"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"typicalRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"low"}},{"kind":"Field","name":{"kind":"Name","value":"high"}}]}},{"kind":"Field","name":{"kind":"Name","value":"badYearLoss"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sameDayAvailable"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"allocations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"relaxations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RequestRecommendationMutation, RequestRecommendationMutationVariables>;
export const InvestInPlanDocument = {"__meta__":{"hash":"sha256:3d7ac5df8e802713fd7ec7b21e9af3e4e179b4af3448d74c47ed09711bce5e24"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InvestInPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InvestInPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"investInPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recommendation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"investedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<InvestInPlanMutation, InvestInPlanMutationVariables>;
export const DepositDocument = {"__meta__":{"hash":"sha256:70fc2fad14bd0c70959696cb2dc07ff4f218fc3867510011f472fa6b8783ac3a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Deposit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DepositInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deposit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DepositMutation, DepositMutationVariables>;
export const WithdrawDocument = {"__meta__":{"hash":"sha256:7fa94bcfc874465dced61a12bb8699c3afbb2d5f82671b120410c9235d1ebb13"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Withdraw"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WithdrawInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdraw"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawMutation, WithdrawMutationVariables>;
export const PayeePreviewDocument = {"__meta__":{"hash":"sha256:d485daee51eb0f6237f602542fb1fc916b910c56043cefab3c4eadb998c9d686"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PayeePreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"payee"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payeePreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"payee"},"value":{"kind":"Variable","name":{"kind":"Name","value":"payee"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maskedName"}}]}}]}}]} as unknown as DocumentNode<PayeePreviewQuery, PayeePreviewQueryVariables>;
export const PayDocument = {"__meta__":{"hash":"sha256:00c83f0c5a1559b9736b93061a965e769ee9f11feb281aefdb1c695f4c060f8c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Pay"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PayInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pay"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<PayMutation, PayMutationVariables>;
export const PaymentsDocument = {"__meta__":{"hash":"sha256:d294243ebd878ba8a5d7890f3cd2929322a039120c708c058ca4446ef99aa25b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Payments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentRole"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"wallet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"guarantee"}},{"kind":"Field","name":{"kind":"Name","value":"memo"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"autoConfirmAt"}},{"kind":"Field","name":{"kind":"Name","value":"holdExtended"}},{"kind":"Field","name":{"kind":"Name","value":"refundReason"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PaymentsQuery, PaymentsQueryVariables>;
export const ConfirmPaymentDocument = {"__meta__":{"hash":"sha256:ee69486caf36e8439de645ef8f8f85fce46eb2643e25a2251c0578a40900ed4f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmPayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmPaymentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ConfirmPaymentMutation, ConfirmPaymentMutationVariables>;
export const RequestRefundDocument = {"__meta__":{"hash":"sha256:08b994aa0743189204b268f0e0f33bd91ab7333cc1b58547a9a9206035938bf6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestRefund"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestRefundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestRefund"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RequestRefundMutation, RequestRefundMutationVariables>;
export const WithdrawRefundRequestDocument = {"__meta__":{"hash":"sha256:42822fbd60e4e106e4ca0ec8c0bfa115b2945e10b5d0fcc05634fdbc6d173742"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawRefundRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WithdrawRefundRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawRefundRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawRefundRequestMutation, WithdrawRefundRequestMutationVariables>;
export const ExtendPaymentHoldDocument = {"__meta__":{"hash":"sha256:207b902a0075b26e158c357aad07b9a445ec338fa7f16cb4aa2f00bbf847ecb2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExtendPaymentHold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExtendPaymentHoldInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"extendPaymentHold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ExtendPaymentHoldMutation, ExtendPaymentHoldMutationVariables>;
export const RefundPaymentDocument = {"__meta__":{"hash":"sha256:05ce29174e8e2653b5755fc3be86ee0c4f018e375575a609c84200e4b5592696"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefundPayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefundPaymentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refundPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RefundPaymentMutation, RefundPaymentMutationVariables>;
export const DeclineRefundDocument = {"__meta__":{"hash":"sha256:1f29b7b68c7150ec0b96938d4a93c836d4b74e4a99272f38ecf759dd9abd5b23"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeclineRefund"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeclineRefundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"declineRefund"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeclineRefundMutation, DeclineRefundMutationVariables>;
export const TransactionsDocument = {"__meta__":{"hash":"sha256:42655a10d3fc19976fbf43e6471c2803aec17fc62b09ebe8ff73aab2c2495029"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Transactions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransactionKind"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"wallet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"incoming"}},{"kind":"Field","name":{"kind":"Name","value":"counterparty"}},{"kind":"Field","name":{"kind":"Name","value":"memo"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TransactionsQuery, TransactionsQueryVariables>;
export const PlatformDateDocument = {"__meta__":{"hash":"sha256:dfbae11847e099e388ddc07a5d663be0ba8a2802ab7fd375032176c15594ddff"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"platformDate"}}]}}]} as unknown as DocumentNode<PlatformDateQuery, PlatformDateQueryVariables>;
export const StatementDocument = {"__meta__":{"hash":"sha256:97e9a7a9ac1055d8c4d2cb62045321d88fbff3ab2d5e8b9226c8559fc0360497"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Statement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"statement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"csvPath"}},{"kind":"Field","name":{"kind":"Name","value":"incomeTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"feesTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"opening"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"closing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StatementQuery, StatementQueryVariables>;
export const NotificationsDocument = {"__meta__":{"hash":"sha256:cefed0db0c83eef143d09e80cfb799b1b267871f9b17c0d758c3f8a0777ef3ee"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Notifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"read"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NotificationsQuery, NotificationsQueryVariables>;
export const MarkNotificationsReadDocument = {"__meta__":{"hash":"sha256:35149e4af78a95c9506e93b4aa687ceb30ee00eeb7320ff34977ec157578cbb5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkNotificationsRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markNotificationsRead"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const SessionsDocument = {"__meta__":{"hash":"sha256:372fbdc67d0ade44e0129715c13a85a2536f125fbb3b4f49c773fde56e25c83d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Sessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"sessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"current"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"userAgent"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddress"}}]}}]}}]}}]} as unknown as DocumentNode<SessionsQuery, SessionsQueryVariables>;
export const RevokeSessionDocument = {"__meta__":{"hash":"sha256:e08a61b451866c418d181908f99079eafdf5c2c5ab6a838aa627704a8b93426e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeSessionMutation, RevokeSessionMutationVariables>;
export const UpdateProfileDocument = {"__meta__":{"hash":"sha256:68b67b5f3308d71094d6d932dd1555b7c244eea552d2efbea71dd18010734560"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const StaffProductsDocument = {"__meta__":{"hash":"sha256:52053ddfc4a7c39dd5eb192c10fe1efab2c7e27f597c22f85cfa011c041bd240"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StaffProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"termsRevision"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"minimumAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pendingApproval"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestedById"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pendingChange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}}]}}]}}]}}]}}]} as unknown as DocumentNode<StaffProductsQuery, StaffProductsQueryVariables>;
export const StaffProductDocument = {"__meta__":{"hash":"sha256:bb76711e5a6ef0e3a7720bf8ee15eedd65b41d2acd37dbd784150ed2fe9dd53c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StaffProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"riskLevel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"termsRevision"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"qualifiedOnly"}},{"kind":"Field","name":{"kind":"Name","value":"assetClass"}},{"kind":"Field","name":{"kind":"Name","value":"registrar"}},{"kind":"Field","name":{"kind":"Name","value":"switchable"}},{"kind":"Field","name":{"kind":"Name","value":"minimumAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fastRedemptionLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fees"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subscriptionRate"}},{"kind":"Field","name":{"kind":"Name","value":"managementRate"}},{"kind":"Field","name":{"kind":"Name","value":"redemption"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minHoldingDays"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"liquidity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"lockDays"}},{"kind":"Field","name":{"kind":"Name","value":"maturityDate"}},{"kind":"Field","name":{"kind":"Name","value":"redemptionSettlementDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"absTerms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"couponRate"}},{"kind":"Field","name":{"kind":"Name","value":"termMonths"}},{"kind":"Field","name":{"kind":"Name","value":"loanCount"}},{"kind":"Field","name":{"kind":"Name","value":"defaultProbability"}},{"kind":"Field","name":{"kind":"Name","value":"lossGivenDefault"}},{"kind":"Field","name":{"kind":"Name","value":"assetCorrelation"}},{"kind":"Field","name":{"kind":"Name","value":"creditEnhancement"}},{"kind":"Field","name":{"kind":"Name","value":"detachment"}},{"kind":"Field","name":{"kind":"Name","value":"earlyAmortisationTrigger"}},{"kind":"Field","name":{"kind":"Name","value":"revolvingMonths"}}]}},{"kind":"Field","name":{"kind":"Name","value":"p2pTerms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"annualRate"}},{"kind":"Field","name":{"kind":"Name","value":"termMonths"}},{"kind":"Field","name":{"kind":"Name","value":"loanCount"}},{"kind":"Field","name":{"kind":"Name","value":"defaultProbability"}},{"kind":"Field","name":{"kind":"Name","value":"recoveryRate"}},{"kind":"Field","name":{"kind":"Name","value":"assetCorrelation"}},{"kind":"Field","name":{"kind":"Name","value":"lossCover"}},{"kind":"Field","name":{"kind":"Name","value":"lossCoverRatio"}},{"kind":"Field","name":{"kind":"Name","value":"repaymentMethod"}},{"kind":"Field","name":{"kind":"Name","value":"earlyExit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pendingApproval"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestedById"}}]}}]}}]}}]} as unknown as DocumentNode<StaffProductQuery, StaffProductQueryVariables>;
export const CreateProductDocument = {"__meta__":{"hash":"sha256:c426e85871c069d9ec78d94a823a87fa64d59dd4dc37300e6236364d995e802d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateProductMutation, CreateProductMutationVariables>;
export const UpdateProductDocument = {"__meta__":{"hash":"sha256:df7ef738b4c07929f5f54ad9a3ad0d07b685be064703dea0aca39d94604276d0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changeRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateProductMutation, UpdateProductMutationVariables>;
export const ChangeProductStatusDocument = {"__meta__":{"hash":"sha256:e4cf5a063ec03eb69e053d10e79e89856a0c9e67fdbbf07394b74331f3d51392"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeProductStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProductStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeProductStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ChangeProductStatusMutation, ChangeProductStatusMutationVariables>;
export const ApproveProductStatusChangeDocument = {"__meta__":{"hash":"sha256:8d76822b55e3b94cc9e1e325c01a632814f571bb7d50701768d2ada012e8f34a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveProductStatusChange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApproveProductStatusChangeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveProductStatusChange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ApproveProductStatusChangeMutation, ApproveProductStatusChangeMutationVariables>;
export const ProductChangeRequestsDocument = {"__meta__":{"hash":"sha256:c8143edee8d0548e6bd129b9c6d789a515aea581415c6918f2badf7250e454f7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductChangeRequests"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productChangeRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedById"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProductChangeRequestsQuery, ProductChangeRequestsQueryVariables>;
export const ApproveProductChangeDocument = {"__meta__":{"hash":"sha256:72eea1f31c8d5fac01c3f84fa157bfe5f38805a0b8ea20a3d840b956a66d7bd6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveProductChange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApproveProductChangeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveProductChange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ApproveProductChangeMutation, ApproveProductChangeMutationVariables>;
export const RejectProductChangeDocument = {"__meta__":{"hash":"sha256:617a657bb478f030da565b70c19cc9271816e19adb085658cb01eb910a2aaf56"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectProductChange"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RejectProductChangeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectProductChange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RejectProductChangeMutation, RejectProductChangeMutationVariables>;
export const ProductAuditLogDocument = {"__meta__":{"hash":"sha256:9167aee986b0a7ab23867605c6d1edda94debb65091e944b95e74d3a95e426b3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductAuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productAuditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProductAuditLogQuery, ProductAuditLogQueryVariables>;
export const ImportProductHistoryDocument = {"__meta__":{"hash":"sha256:d3aa12d806d99316cc800eee9dae9fec1f225d6c2c2d927a8e2b63ae8f09c967"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportProductHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportProductHistoryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importProductHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loaded"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyStored"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ImportProductHistoryMutation, ImportProductHistoryMutationVariables>;
export const RecordNavDocument = {"__meta__":{"hash":"sha256:a85c7f1e756f1f40cecdc1b3de014a68d8e3b05bd7238a9e69b4f90eaed86594"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordNav"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordNavInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordNav"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RecordNavMutation, RecordNavMutationVariables>;
export const RecordMoneyFundIncomeDocument = {"__meta__":{"hash":"sha256:d354562c2edb382b9f7388bbc51b07453a7df835994eecb53ad0a499116c783e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordMoneyFundIncome"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordMoneyFundIncomeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordMoneyFundIncome"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RecordMoneyFundIncomeMutation, RecordMoneyFundIncomeMutationVariables>;
export const RunDailyJobDocument = {"__meta__":{"hash":"sha256:ee14790402791e8ebb0303ac14f53c18ca78a04b7ac173bbfc270ea89551612a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunDailyJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunDailyJobInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runDailyJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"job"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"items"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RunDailyJobMutation, RunDailyJobMutationVariables>;
export const DisputedPaymentsDocument = {"__meta__":{"hash":"sha256:df268f7a55f26424d7d2083f2ffeaf8497fe31ce2073ebd18bdc483c4e1c2a55"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DisputedPayments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disputedPayments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"memo"}},{"kind":"Field","name":{"kind":"Name","value":"disputeAgeDays"}},{"kind":"Field","name":{"kind":"Name","value":"refundReason"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DisputedPaymentsQuery, DisputedPaymentsQueryVariables>;
export const ResolveDisputeDocument = {"__meta__":{"hash":"sha256:6dc6aaf1c5f0109e159d926f663453ae43b75b312bdbcc0217617d8182764420"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResolveDispute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResolveDisputeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveDispute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ResolveDisputeMutation, ResolveDisputeMutationVariables>;
export const PendingWithdrawalsDocument = {"__meta__":{"hash":"sha256:57aef24b461b62bd07d2611e202e11534a36d090e32c62b7a62713002b0d16f6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PendingWithdrawals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pendingWithdrawals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ageHours"}},{"kind":"Field","name":{"kind":"Name","value":"bankName"}},{"kind":"Field","name":{"kind":"Name","value":"cardLast4"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maskedName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PendingWithdrawalsQuery, PendingWithdrawalsQueryVariables>;
export const SettleWithdrawalsDocument = {"__meta__":{"hash":"sha256:7f9f456b5b83fa23304ff87d5ab86dc025ca8c0d3e455867f27983ed60dfae56"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SettleWithdrawals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"failIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settleWithdrawals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"failIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"failIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SettleWithdrawalsMutation, SettleWithdrawalsMutationVariables>;
export const LedgerCheckDocument = {"__meta__":{"hash":"sha256:9f47ff638f9c10ca24932161b5ed585bbe20d1b4e7898117f470116a098559ea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LedgerCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ledgerCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranAt"}},{"kind":"Field","name":{"kind":"Name","value":"ranBy"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}}]}}]} as unknown as DocumentNode<LedgerCheckQuery, LedgerCheckQueryVariables>;
export const RunLedgerCheckDocument = {"__meta__":{"hash":"sha256:ea0eacd817d9e5c8bc724c9a82b03d80c7c00e5872211df4dbbd08c8cceccbc1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunLedgerCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runLedgerCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ledgerCheck"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ranAt"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RunLedgerCheckMutation, RunLedgerCheckMutationVariables>;
export const TradingCalendarStatusDocument = {"__meta__":{"hash":"sha256:53ab6c741aa1b71fe50e19e8f136fd6d630ad122e3ec122e70ddd0bc18ec09e9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TradingCalendarStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tradingCalendar"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"knownFrom"}},{"kind":"Field","name":{"kind":"Name","value":"knownThrough"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeft"}},{"kind":"Field","name":{"kind":"Name","value":"needsImport"}}]}}]}}]} as unknown as DocumentNode<TradingCalendarStatusQuery, TradingCalendarStatusQueryVariables>;
export const ImportTradingCalendarDocument = {"__meta__":{"hash":"sha256:8df2182eca732782d054d9ac978b9e26ee803fd56a9aa65c41f2b43aed96e64b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportTradingCalendar"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportTradingCalendarInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importTradingCalendar"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ImportTradingCalendarMutation, ImportTradingCalendarMutationVariables>;
export const SetClockDocument = {"__meta__":{"hash":"sha256:9dc6e42f83c648a0dbd51be69140b686ff017665fc7b7624460df1eabe497ed2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetClock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetClockInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setClock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"now"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SetClockMutation, SetClockMutationVariables>;
export const PendingFiguresDocument = {"__meta__":{"hash":"sha256:383a41fe851b4890b07f36bfc0d54afcab0382d8e4313833af9318be8a5b0178"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PendingFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"navCorrections"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"oldNav"}},{"kind":"Field","name":{"kind":"Name","value":"newNav"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"incomeFigureRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"incomePer10kUnits"}},{"kind":"Field","name":{"kind":"Name","value":"correction"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<PendingFiguresQuery, PendingFiguresQueryVariables>;
export const CorrectNavDocument = {"__meta__":{"hash":"sha256:4b0f0f562dafc0830b2a3d2deaf8feea6f03120846bc5ba90fc560e039984a2e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CorrectNav"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CorrectNavInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"correctNav"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"navCorrection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CorrectNavMutation, CorrectNavMutationVariables>;
export const CorrectMoneyFundIncomeDocument = {"__meta__":{"hash":"sha256:f90e5059edab332b00ef1b17ec8198af9a96578d3749666a5dd764a6da98e622"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CorrectMoneyFundIncome"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CorrectMoneyFundIncomeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"correctMoneyFundIncome"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"income"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"incomePer10kUnits"}},{"kind":"Field","name":{"kind":"Name","value":"holders"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"incomeRequest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CorrectMoneyFundIncomeMutation, CorrectMoneyFundIncomeMutationVariables>;
export const ApproveNavCorrectionDocument = {"__meta__":{"hash":"sha256:192fcdab2696d95bfef53f60c20a16d2dcace92f7a7eedb6b2611cf1cf7f06b1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveNavCorrection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideNavCorrectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveNavCorrection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"navCorrection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ApproveNavCorrectionMutation, ApproveNavCorrectionMutationVariables>;
export const RejectNavCorrectionDocument = {"__meta__":{"hash":"sha256:36aa20aafce7d4b157b9e553aa195298b89c3d2a49bc3f0cfaada763ff8b27a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectNavCorrection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideNavCorrectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectNavCorrection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RejectNavCorrectionMutation, RejectNavCorrectionMutationVariables>;
export const ApproveIncomeFigureDocument = {"__meta__":{"hash":"sha256:4af21ea711caf90c02a08fcbeb919c19a1c967f6b779b03004673d500db485e0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveIncomeFigure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideIncomeFigureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveIncomeFigure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ApproveIncomeFigureMutation, ApproveIncomeFigureMutationVariables>;
export const RejectIncomeFigureDocument = {"__meta__":{"hash":"sha256:d47d081fcc1d46539b16badecb0ce37926bfbd796f9ff1ef8516020db7317143"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectIncomeFigure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideIncomeFigureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectIncomeFigure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RejectIncomeFigureMutation, RejectIncomeFigureMutationVariables>;
export const LoanReviewsDocument = {"__meta__":{"hash":"sha256:425ec7a8e8d5b22d74fa00afaa7e24771d0944a3e155980502b396f974dc8e44"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LoanReviews"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loanReviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"applicantId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"termMonths"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LoanReviewsQuery, LoanReviewsQueryVariables>;
export const DecideLoanReviewDocument = {"__meta__":{"hash":"sha256:159d3ea0f2dabb58deb8df69a1e22e057e6f0316ef4feb865044c87909ae990a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DecideLoanReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DecideLoanReviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decideLoanReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"application"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DecideLoanReviewMutation, DecideLoanReviewMutationVariables>;
export const DailyJobRunsDocument = {"__meta__":{"hash":"sha256:efaebd957b84dc1934bda7aa9e97831c603b0e751280bc30fc3db16ba5653edc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DailyJobRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"date"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dailyJobRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"job"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"items"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"tasksDone"}},{"kind":"Field","name":{"kind":"Name","value":"tasksTotal"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<DailyJobRunsQuery, DailyJobRunsQueryVariables>;
export const RerunDailyJobDocument = {"__meta__":{"hash":"sha256:e4c10a2357cf28e61039259be37f491ab69c83f2d027999d80b4ba6d79a40555"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RerunDailyJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RerunDailyJobInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rerunDailyJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"errors"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RerunDailyJobMutation, RerunDailyJobMutationVariables>;
export const RefreshTokenDocument = {"__meta__":{"hash":"sha256:515c7b6240b1300b086ca1230c8f3a1feff53c7d1c35cd9feb877f0b9ad199eb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefreshTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RefreshTokenMutation, RefreshTokenMutationVariables>;