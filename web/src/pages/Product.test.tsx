import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { Provider, type Client, type Operation } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { ProductPage } from "./Product";

afterEach(cleanup);

const PRODUCT = {
  product: {
    id: "mf1", code: "MF1", name: "Cash", kind: "MONEY_FUND", riskLevel: "R1", status: "ON_SALE", issuer: "Fund Co", registrar: null, switchable: false,
    latestNav: "1.0000", latestNavDate: "2026-12-01", incomePer10kUnits: "0.5800", sevenDayAnnualizedYield: "0.0215",
    minimumAmount: { amount: "1.00", currency: "CNY" }, fees: { subscriptionRate: "0", managementRate: "0.003" }, figures: null,
    liquidity: { kind: "SAME_DAY", availableAfterDays: 0, lockDays: null },
    viewerSuitability: { decision: "ALLOWED", reason: "", warning: null },
  },
};

function operationName(operation: Operation): string | undefined {
  const definition = operation.query.definitions[0] as { name?: { value: string } };
  return definition.name?.value;
}

describe("a money fund's page", () => {
  it("charts the 7-day yield or the income per 10,000 units", async () => {
    const executeQuery = vi.fn((operation: Operation) => {
      const name = operationName(operation);
      if (name === "Product") return fromValue({ operation, data: PRODUCT, stale: false, hasNext: false });
      if (name === "ProductSeries") return fromValue({ operation, data: { product: { id: "mf1", series: [] } }, stale: false, hasNext: false });
      return never;
    });
    const client = { executeQuery, executeMutation: vi.fn(() => never), executeSubscription: vi.fn(() => never) } as unknown as Client;
    void i18n.changeLanguage("en");
    render(
      <Provider value={client}>
        <MemoryRouter initialEntries={["/products/mf1"]}>
          <Routes>
            <Route path="/products/:id" element={<ProductPage />} />
          </Routes>
        </MemoryRouter>
      </Provider>,
    );
    const metrics = () => executeQuery.mock.calls.map(([op]) => op.variables as { metric?: string }).filter((v) => v.metric).map((v) => v.metric);
    await waitFor(() => expect(metrics()).toContain("SEVEN_DAY_YIELD"));
    fireEvent.click(screen.getByRole("button", { name: "Income per 10,000 units" }));
    await waitFor(() => expect(metrics()).toContain("INCOME_PER_10K"));
    expect(screen.getByRole("button", { name: "Income per 10,000 units" }).getAttribute("aria-pressed")).toBe("true");
  });
});
