// The staff product form: its text fields <-> CreateProductInput / UpdateProductInput, with the
// terms each kind has (funds: registrar, switching, settlement days; money funds: the T+0
// limit; ABS units: absTerms; P2P loans: p2pTerms). An edit sends only what changed: the API
// reads an explicit null as "clear it" (a redemption-fee list sent empty would drop the tiers).

export type Kind = "MONEY_FUND" | "EQUITY_FUND" | "ABS_UNIT" | "P2P_LOAN";

export const ABS_FIELDS = ["couponRate", "termMonths", "loanCount", "defaultProbability", "lossGivenDefault", "assetCorrelation", "creditEnhancement", "detachment", "earlyAmortisationTrigger", "revolvingMonths"] as const;
export const P2P_FIELDS = ["annualRate", "termMonths", "loanCount", "defaultProbability", "recoveryRate", "assetCorrelation", "lossCover", "lossCoverRatio", "repaymentMethod", "earlyExit"] as const;
const INT_FIELDS = new Set(["lockDays", "redemptionSettlementDays", "termMonths", "loanCount", "revolvingMonths"]);
const BOOL_FIELDS = new Set(["switchable", "qualifiedOnly", "earlyExit"]);

export const COMMON_FIELDS = ["code", "nameZh", "nameEn", "issuer", "kind", "riskLevel", "liquidity", "minimumAmount", "subscriptionFeeRate", "managementFeeRate", "lockDays", "redemptionFees", "assetClass", "qualifiedOnly", "maturityDate"] as const;
export const FUND_FIELDS = ["registrar", "switchable", "redemptionSettlementDays"] as const;

/** Every field as text ("" = not given; booleans "true"/"false"); loan terms as abs.x / p2p.x. */
export type ProductForm = Record<string, string>;

/** The fields a kind has (the form shows these and sends only these). */
export function fieldsFor(kind: string, liquidity: string): string[] {
  const fields: string[] = COMMON_FIELDS.filter((f) => f !== "maturityDate" || liquidity === "LOCKED");
  if (kind === "MONEY_FUND" || kind === "EQUITY_FUND") fields.push(...FUND_FIELDS);
  if (kind === "MONEY_FUND") fields.push("fastRedemptionLimit");
  if (kind === "ABS_UNIT") fields.push(...ABS_FIELDS.map((f) => `abs.${f}`));
  if (kind === "P2P_LOAN") fields.push(...P2P_FIELDS.map((f) => `p2p.${f}`));
  return fields;
}

export function newProductForm(): ProductForm {
  return {
    code: "", nameZh: "", nameEn: "", issuer: "", kind: "EQUITY_FUND", riskLevel: "R3", liquidity: "NEXT_DAY",
    minimumAmount: "1000", subscriptionFeeRate: "0.0015", managementFeeRate: "0.012", lockDays: "",
    redemptionFees: "0:0.015,7:0.005", assetClass: "", qualifiedOnly: "", maturityDate: "", registrar: "",
    switchable: "false", redemptionSettlementDays: "", fastRedemptionLimit: "",
    ...Object.fromEntries(ABS_FIELDS.map((f) => [`abs.${f}`, ""])),
    ...Object.fromEntries(P2P_FIELDS.map((f) => [`p2p.${f}`, ""])),
  };
}

type Text = string | number | boolean | null | undefined;
const text = (value: Text): string => (value == null ? "" : String(value));

export interface LoadedProduct {
  code: string; nameZh: string; nameEn: string; issuer: string; kind: string; riskLevel: string; assetClass: string;
  qualifiedOnly: boolean; registrar?: string | null; switchable: boolean;
  minimumAmount: { amount: string }; fastRedemptionLimit?: { amount: string } | null;
  fees: { subscriptionRate: string; managementRate: string; redemption: readonly { minHoldingDays: number; rate: string }[] };
  liquidity: { kind: string; lockDays?: number | null; maturityDate?: string | null; redemptionSettlementDays: number };
  absTerms?: Partial<Record<(typeof ABS_FIELDS)[number], Text>> | null;
  p2pTerms?: Partial<Record<(typeof P2P_FIELDS)[number], Text>> | null;
}

export function formFromProduct(p: LoadedProduct): ProductForm {
  return {
    ...newProductForm(),
    code: p.code, nameZh: p.nameZh, nameEn: p.nameEn, issuer: p.issuer, kind: p.kind, riskLevel: p.riskLevel,
    liquidity: p.liquidity.kind, minimumAmount: p.minimumAmount.amount, subscriptionFeeRate: p.fees.subscriptionRate,
    managementFeeRate: p.fees.managementRate, lockDays: text(p.liquidity.lockDays), redemptionFees: formatFees(p.fees.redemption),
    assetClass: p.assetClass, qualifiedOnly: text(p.qualifiedOnly), maturityDate: text(p.liquidity.maturityDate),
    registrar: text(p.registrar), switchable: text(p.switchable), redemptionSettlementDays: text(p.liquidity.redemptionSettlementDays),
    fastRedemptionLimit: text(p.fastRedemptionLimit?.amount),
    ...Object.fromEntries(ABS_FIELDS.map((f) => [`abs.${f}`, text(p.absTerms?.[f])])),
    ...Object.fromEntries(P2P_FIELDS.map((f) => [`p2p.${f}`, text(p.p2pTerms?.[f])])),
  };
}

/** "0:0.015,7:0.005" (from day: rate) <-> the API's redemption-fee tiers. */
export function parseFees(value: string): { minHoldingDays: number; rate: string }[] | null {
  const tiers = value.split(",").map((part) => part.trim()).filter(Boolean).map((part) => {
    const [days, rate] = part.split(":");
    return { minHoldingDays: Number.parseInt(days, 10), rate: (rate ?? "").trim() };
  });
  return tiers.length ? tiers : null;
}

export function formatFees(tiers: readonly { minHoldingDays: number; rate: string }[]): string {
  return tiers.map((tier) => `${tier.minHoldingDays}:${tier.rate}`).join(",");
}

/** Whole-number fields that are not whole numbers (checked before sending: the API's Int). */
export function integerErrors(form: ProductForm, fields: readonly string[], message: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const field of fields) {
    const name = field.replace(/^(abs|p2p)\./, "");
    if (INT_FIELDS.has(name) && form[field].trim() && !/^\d+$/.test(form[field].trim())) errors[field] = [message];
  }
  return errors;
}

function value(field: string, raw: string): unknown {
  const trimmed = raw.trim();
  const name = field.replace(/^(abs|p2p)\./, "");
  if (trimmed === "") return null;
  if (field === "redemptionFees") return parseFees(trimmed);
  if (INT_FIELDS.has(name)) return Number.parseInt(trimmed, 10);
  if (BOOL_FIELDS.has(name)) return trimmed === "true";
  return trimmed;
}

/** The input's fields for ``form`` (only the kind's fields; with ``before``, only those that
 * changed, loan terms sent whole when one of them changed). */
export function productInput(form: ProductForm, before?: ProductForm): Record<string, unknown> {
  const fields = fieldsFor(form.kind, form.liquidity);
  const input: Record<string, unknown> = {};
  const abs: Record<string, unknown> = {};
  const p2p: Record<string, unknown> = {};
  let absChanged = false;
  let p2pChanged = false;
  for (const field of fields) {
    const changed = !before || (before[field] ?? "").trim() !== form[field].trim();
    const v = value(field, form[field]);
    if (field.startsWith("abs.")) {
      abs[field.slice(4)] = v;
      absChanged ||= changed;
    } else if (field.startsWith("p2p.")) {
      p2p[field.slice(4)] = v;
      p2pChanged ||= changed;
    } else if (changed && !(before && (field === "code" || field === "kind"))) {
      input[field] = v;
    }
  }
  const terms = (all: Record<string, unknown>) => (before ? all : Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null)));
  if (form.kind === "ABS_UNIT" && absChanged && Object.keys(terms(abs)).length) input.absTerms = terms(abs);
  if (form.kind === "P2P_LOAN" && p2pChanged && Object.keys(terms(p2p)).length) input.p2pTerms = terms(p2p);
  return input;
}
