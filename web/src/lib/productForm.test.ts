import { describe, expect, it } from "vitest";
import { fieldsFor, formatFees, formFromProduct, integerErrors, newProductForm, parseFees, productInput, type LoadedProduct } from "./productForm";

const LOADED: LoadedProduct = {
  code: "MF1", nameZh: "货币", nameEn: "Money", issuer: "Fund Co", kind: "MONEY_FUND", riskLevel: "R1", assetClass: "FIXED_INCOME",
  qualifiedOnly: false, registrar: "TA", switchable: true, minimumAmount: { amount: "1.00" }, fastRedemptionLimit: { amount: "10000.00" },
  fees: { subscriptionRate: "0", managementRate: "0.003", redemption: [{ minHoldingDays: 0, rate: "0.015" }, { minHoldingDays: 7, rate: "0" }] },
  liquidity: { kind: "SAME_DAY", lockDays: null, maturityDate: null, redemptionSettlementDays: 0 },
  absTerms: null, p2pTerms: null,
};

describe("the staff product form", () => {
  it("has each kind's own terms", () => {
    expect(fieldsFor("MONEY_FUND", "SAME_DAY")).toEqual(expect.arrayContaining(["registrar", "switchable", "fastRedemptionLimit"]));
    expect(fieldsFor("EQUITY_FUND", "NEXT_DAY")).not.toContain("fastRedemptionLimit");
    expect(fieldsFor("ABS_UNIT", "LOCKED")).toEqual(expect.arrayContaining(["abs.couponRate", "abs.termMonths", "maturityDate"]));
    expect(fieldsFor("ABS_UNIT", "LOCKED")).not.toContain("registrar");
    expect(fieldsFor("P2P_LOAN", "LOCKED")).toEqual(expect.arrayContaining(["p2p.annualRate", "p2p.lossCover", "p2p.earlyExit"]));
  });

  it("creates with typed values, defaults left to the server", () => {
    const form = { ...newProductForm(), code: "EQ9", nameZh: "甲", nameEn: "A", issuer: "I", registrar: " TA ", lockDays: "30" };
    const input = productInput(form);
    expect(input).toMatchObject({ code: "EQ9", kind: "EQUITY_FUND", registrar: "TA", switchable: false, lockDays: 30, assetClass: null, qualifiedOnly: null });
    expect(input.redemptionFees).toEqual([{ minHoldingDays: 0, rate: "0.015" }, { minHoldingDays: 7, rate: "0.005" }]);
    expect(input).not.toHaveProperty("fastRedemptionLimit");
    expect(input).not.toHaveProperty("absTerms");
  });

  it("creates an ABS unit with only the terms given", () => {
    const form = { ...newProductForm(), kind: "ABS_UNIT", liquidity: "LOCKED", "abs.couponRate": "0.045", "abs.termMonths": "24" };
    expect(productInput(form).absTerms).toEqual({ couponRate: "0.045", termMonths: 24 });
  });

  it("edits by sending only what changed (the loaded redemption fees are kept)", () => {
    const before = formFromProduct(LOADED);
    expect(before.redemptionFees).toBe("0:0.015,7:0");
    expect(productInput(before, before)).toEqual({});
    const after = { ...before, fastRedemptionLimit: "5000", switchable: "false", registrar: "" };
    expect(productInput(after, before)).toEqual({ fastRedemptionLimit: "5000", switchable: false, registrar: null });
  });

  it("sends a P2P loan's terms whole when one changed", () => {
    const before = formFromProduct({ ...LOADED, kind: "P2P_LOAN", liquidity: { ...LOADED.liquidity, kind: "LOCKED" }, p2pTerms: { annualRate: "0.08", termMonths: 12, earlyExit: false } });
    const input = productInput({ ...before, "p2p.annualRate": "0.09" }, before);
    expect(input.p2pTerms).toMatchObject({ annualRate: "0.09", termMonths: 12, earlyExit: false, lossCover: null });
  });

  it("checks whole numbers before sending", () => {
    const form = { ...newProductForm(), lockDays: "7.5", "abs.termMonths": "x" };
    expect(integerErrors(form, fieldsFor("ABS_UNIT", "LOCKED"), "whole")).toEqual({ lockDays: ["whole"], "abs.termMonths": ["whole"] });
  });

  it("reads and writes redemption-fee tiers", () => {
    expect(parseFees("")).toBeNull();
    expect(formatFees(parseFees("0:0.015, 30:0")!)).toBe("0:0.015,30:0");
  });
});
