// Money and decimals as the API sends them: decimal strings, never floats. Formatting works on
// the digits so that "1234567.89" shows as ¥1,234,567.89 exactly.

const SYMBOLS: Record<string, string> = { CNY: "¥", USD: "$", EUR: "€" };

export interface MoneyLike {
  amount: string;
  currency: string;
}

/** "1234567.8" -> "1,234,567.80" (two decimals, rounded half up on the digits). */
export function groupDecimal(amount: string, places = 2): string {
  const trimmed = amount.trim();
  const negative = trimmed.startsWith("-");
  const digits = negative || trimmed.startsWith("+") ? trimmed.slice(1) : trimmed;
  if (!/^\d+(\.\d+)?$/.test(digits)) return amount;
  let [whole, fraction = ""] = digits.split(".");
  if (fraction.length > places) {
    const roundUp = fraction.charCodeAt(places) - 48 >= 5;
    fraction = fraction.slice(0, places);
    if (roundUp) {
      const scaled = (BigInt(whole + fraction) + 1n).toString().padStart(whole.length + places, "0");
      whole = scaled.slice(0, scaled.length - places) || "0";
      fraction = scaled.slice(scaled.length - places);
    }
  }
  fraction = fraction.padEnd(places, "0");
  whole = whole.replace(/^0+(?=\d)/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const isZero = /^[0,]*$/.test(grouped) && /^0*$/.test(fraction);
  const sign = negative && !isZero ? "-" : "";
  return sign + grouped + (places > 0 ? "." + fraction : "");
}

export function formatMoney(money: MoneyLike | null | undefined, options: { signed?: boolean } = {}): string {
  if (!money) return "—";
  const symbol = SYMBOLS[money.currency] ?? money.currency + " ";
  const text = groupDecimal(money.amount);
  if (text.startsWith("-")) return "-" + symbol + text.slice(1);
  return (options.signed && text !== "0.00" ? "+" : "") + symbol + text;
}

/** A rate as a decimal fraction ("0.0412") -> "4.12%". */
export function formatPercent(fraction: string | null | undefined, places = 2): string {
  if (fraction == null) return "—";
  const value = fraction.trim();
  const negative = value.startsWith("-");
  const digits = negative ? value.slice(1) : value;
  if (!/^\d+(\.\d+)?$/.test(digits)) return fraction;
  const [whole, frac = ""] = digits.split(".");
  const padded = frac.padEnd(2, "0");
  const shifted = (whole + padded.slice(0, 2)).replace(/^0+(?=\d)/, "") + (padded.length > 2 ? "." + padded.slice(2) : "");
  return (negative ? "-" : "") + groupDecimal(shifted, places) + "%";
}

/** A yield already in percent ("2.1530") -> "2.15%". */
export function formatPercentValue(percent: string | null | undefined, places = 2): string {
  if (percent == null) return "—";
  return groupDecimal(percent, places) + "%";
}

/** Whether a typed amount is a positive decimal with at most two places. */
export function isAmount(text: string): boolean {
  return /^\d{1,12}(\.\d{1,2})?$/.test(text.trim()) && !/^0+(\.0+)?$/.test(text.trim());
}
