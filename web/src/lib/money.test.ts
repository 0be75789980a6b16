import { describe, expect, it } from "vitest";
import { formatMoney, formatPercent, groupDecimal, isAmount } from "./money";

describe("money formatting works on the digits, never floats", () => {
  it("groups and pads", () => {
    expect(groupDecimal("1234567.8")).toBe("1,234,567.80");
    expect(groupDecimal("0")).toBe("0.00");
    expect(groupDecimal("-1000.5")).toBe("-1,000.50");
  });
  it("rounds half up on the digits, carrying", () => {
    expect(groupDecimal("0.005")).toBe("0.01");
    expect(groupDecimal("999.995")).toBe("1,000.00");
    expect(groupDecimal("12345678901234567.895")).toBe("12,345,678,901,234,567.90"); // beyond float precision
  });
  it("shows currency and sign", () => {
    expect(formatMoney({ amount: "50000.00", currency: "CNY" })).toBe("¥50,000.00");
    expect(formatMoney({ amount: "-3.2", currency: "CNY" })).toBe("-¥3.20");
    expect(formatMoney({ amount: "1.13", currency: "CNY" }, { signed: true })).toBe("+¥1.13");
    expect(formatMoney({ amount: "0", currency: "CNY" }, { signed: true })).toBe("¥0.00");
    expect(formatMoney(null)).toBe("—");
  });
  it("turns fractions into percentages", () => {
    expect(formatPercent("0.0412")).toBe("4.12%");
    expect(formatPercent("0.04125", 1)).toBe("4.1%");
    expect(formatPercent("-0.06")).toBe("-6.00%");
    expect(formatPercent("1.5")).toBe("150.00%");
  });
  it("accepts amounts with at most two places", () => {
    expect(isAmount("100")).toBe(true);
    expect(isAmount("100.25")).toBe(true);
    expect(isAmount("100.255")).toBe(false);
    expect(isAmount("0")).toBe(false);
    expect(isAmount("abc")).toBe(false);
  });
});
