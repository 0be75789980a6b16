import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { Provider, type Client, type Operation } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n, { STRINGS } from "../../i18n";
import { LIQUIDITY_KINDS, PRODUCT_STATUSES, RISK_LEVELS, ASSET_CLASSES } from "../../lib/enumLabels";
import StaffConsole from "./StaffConsole";

vi.mock("../../session", () => ({
  useSession: () => ({ viewer: { id: "pm1", email: "pm1@example.com", roles: ["PRODUCT_MANAGER"] }, signOut: () => undefined }),
}));

afterEach(cleanup);

const money = (amount: string) => ({ amount, currency: "CNY" });
const product = (code: string, riskLevel: string, status: string) => ({
  id: `p-${code}`, code, name: code, kind: "EQUITY_FUND", riskLevel, status, termsRevision: 1, issuer: "X",
  minimumAmount: money("1.00"), pendingApproval: status === "PENDING_APPROVAL" ? { previousStatus: "DRAFT", requestedAt: "2026-12-01T09:00:00+08:00", requestedById: "pm2" } : null,
  pendingChange: null,
});

function renderProducts(lang: "en" | "zh-CN") {
  const products = { products: { nodes: [product("EQ1", "R2", "PENDING_APPROVAL"), product("EQ2", "R5", "ON_SALE")] } };
  const client = {
    executeQuery: vi.fn((operation: Operation) => fromValue({ operation, data: products, stale: false, hasNext: false })),
    executeMutation: vi.fn(() => never),
    executeSubscription: vi.fn(() => never),
  } as unknown as Client;
  void i18n.changeLanguage(lang);
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={["/staff/products"]}>
        <Routes>
          <Route path="/staff/*" element={<StaffConsole />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

describe("staff catalogue: product status and risk level in words", () => {
  it("shows the words in English, keeping the raw value as a data attribute", async () => {
    renderProducts("en");
    const row = await waitFor(() => document.querySelector('tr[data-code="EQ1"]') as HTMLElement);
    const status = within(row).getByTestId("product-status");
    expect(status.textContent).toBe("Pending approval");
    expect(status.dataset.status).toBe("PENDING_APPROVAL");
    expect(row.querySelector("[data-risk-level]")?.textContent).toBe("R2 Moderately low");
    const row2 = document.querySelector('tr[data-code="EQ2"]') as HTMLElement;
    expect(within(row2).getByTestId("product-status").textContent).toBe("On sale");
  });

  it("and in Chinese", async () => {
    renderProducts("zh-CN");
    const row = await waitFor(() => document.querySelector('tr[data-code="EQ2"]') as HTMLElement);
    expect(within(row).getByTestId("product-status").textContent).toBe("在售");
    expect(row.querySelector("[data-risk-level]")?.textContent).toBe("R5 高风险");
    expect(screen.queryByText("ON_SALE")).toBeNull();
  });

  it("names every value of the schema's enums in both languages", () => {
    const named = [
      ...PRODUCT_STATUSES.map((v) => `productStatus_${v}`),
      ...RISK_LEVELS.map((v) => `riskLevel_${v}`),
      ...LIQUIDITY_KINDS.map((v) => `liquidity_${v}`),
      ...ASSET_CLASSES.map((v) => `assetClass_${v}`),
    ];
    expect(named).toHaveLength(5 + 5 + 3 + 4);
    for (const key of named) expect(STRINGS[key], key).toBeDefined();
  });
});

describe("product form: risk level and liquidity choices in words", () => {
  it("labels the options, their values stay the enum's", async () => {
    const client = { executeQuery: vi.fn(() => never), executeMutation: vi.fn(() => never), executeSubscription: vi.fn(() => never) } as unknown as Client;
    void i18n.changeLanguage("en");
    render(
      <Provider value={client}>
        <MemoryRouter initialEntries={["/staff/products/new"]}>
          <Routes>
            <Route path="/staff/*" element={<StaffConsole />} />
          </Routes>
        </MemoryRouter>
      </Provider>,
    );
    const risk = screen.getByLabelText("Risk level") as HTMLSelectElement;
    expect([...risk.options].map((o) => [o.value, o.text])).toContainEqual(["R3", "R3 Moderate"]);
    const liquidity = screen.getByLabelText("Liquidity") as HTMLSelectElement;
    expect([...liquidity.options].map((o) => [o.value, o.text])).toEqual([["SAME_DAY", "Same day"], ["NEXT_DAY", "Next day"], ["LOCKED", "Locked"]]);
  });
});
