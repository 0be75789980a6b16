// Product enums in words (staff console): status, risk level, liquidity, asset class. Each list is
// a Record over the schema's enum, so a value added to schema.graphql fails `tsc` until it is named
// here; the words themselves are UI strings (productStatus_*, riskLevel_*, … in i18n.ts).
import type { AssetClass, LiquidityKind, ProductStatus, RiskLevel } from "../gql/graphql";

type Translate = (key: string) => string;

const ORDER = <T extends string>(record: Record<T, number>) =>
  (Object.keys(record) as T[]).sort((a, b) => record[a] - record[b]);

export const PRODUCT_STATUSES = ORDER<ProductStatus>({ DRAFT: 0, PENDING_APPROVAL: 1, ON_SALE: 2, SUSPENDED: 3, CLOSED: 4 });
export const RISK_LEVELS = ORDER<RiskLevel>({ R1: 0, R2: 1, R3: 2, R4: 3, R5: 4 });
export const LIQUIDITY_KINDS = ORDER<LiquidityKind>({ SAME_DAY: 0, NEXT_DAY: 1, LOCKED: 2 });
export const ASSET_CLASSES = ORDER<AssetClass>({ FIXED_INCOME: 0, MIXED: 1, EQUITY: 2, SECURITISATION: 3 });

/** The words for an enum value, or the raw value when the UI strings do not know it (a value
 * newer than this build). */
function label(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}_${value}`;
  const text = t(key);
  return text && text !== key ? text : value;
}

export const productStatusLabel = (t: Translate, value: string) => label(t, "productStatus", value);
export const riskLevelLabel = (t: Translate, value: string) => label(t, "riskLevel", value);
export const liquidityLabel = (t: Translate, value: string) => label(t, "liquidity", value);
export const assetClassLabel = (t: Translate, value: string) => label(t, "assetClass", value);
