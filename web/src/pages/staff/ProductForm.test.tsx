import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { Provider, type Client, type Operation } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import StaffConsole from "./StaffConsole";

vi.mock("../../session", () => ({
  useSession: () => ({ viewer: { id: "pm1", email: "pm1@example.com", roles: ["PRODUCT_MANAGER"] }, signOut: () => undefined }),
}));

afterEach(cleanup);

function renderNew(answer: unknown) {
  const executeMutation = vi.fn(() => fromValue({ data: answer, stale: false, hasNext: false }));
  const client = {
    executeQuery: vi.fn(() => never),
    executeMutation,
    executeSubscription: vi.fn(() => never),
  } as unknown as Client;
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
  return executeMutation;
}

describe("the staff product form", () => {
  it("asks an ABS unit for its own terms and sends them as absTerms", async () => {
    const executeMutation = renderNew({ createProduct: { product: null, userErrors: [{ field: "absTerms", message: "A term in months is needed.", code: "INVALID_TERMS" }] } });
    expect(screen.getByTestId("fund-terms")).toBeTruthy(); // an equity fund by default: registrar, switching
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "ABS_UNIT" } });
    fireEvent.change(screen.getByLabelText("Liquidity"), { target: { value: "LOCKED" } });
    expect(screen.queryByTestId("fund-terms")).toBeNull();
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "ABS-9" } });
    fireEvent.change(screen.getByLabelText("Coupon rate"), { target: { value: "0.045" } });
    fireEvent.change(screen.getByLabelText("Loans in the pool"), { target: { value: "400" } });
    fireEvent.change(screen.getByLabelText("Maturity date"), { target: { value: "2028-12-31" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByTestId("error-absTerms").textContent).toBe("A term in months is needed."));
    const input = (executeMutation.mock.calls[0] as unknown as [{ variables: { input: Record<string, unknown> } }])[0].variables.input;
    expect(input).toMatchObject({ code: "ABS-9", kind: "ABS_UNIT", liquidity: "LOCKED", maturityDate: "2028-12-31", absTerms: { couponRate: "0.045", loanCount: 400 } });
    expect(input).not.toHaveProperty("registrar");
  });

  it("checks whole numbers before sending", () => {
    const executeMutation = renderNew(null);
    fireEvent.change(screen.getByLabelText("Lock days"), { target: { value: "7.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByTestId("error-lockDays").textContent).toBe("Enter a whole number");
    expect(executeMutation).not.toHaveBeenCalled();
  });
});

describe("after creating a product", () => {
  it("the page shows the saved product's terms, not the new-product form's", async () => {
    const loaded = {
      product: {
        id: "P1", code: "EQ-9", nameZh: "甲", nameEn: "A", kind: "EQUITY_FUND", riskLevel: "R2", status: "DRAFT", termsRevision: 1, issuer: "I",
        qualifiedOnly: false, assetClass: "EQUITY", registrar: null, switchable: false, minimumAmount: { amount: "1000.00", currency: "CNY" },
        fastRedemptionLimit: null, fees: { subscriptionRate: "0.0015", managementRate: "0.012", redemption: [{ minHoldingDays: 0, rate: "0.015" }] },
        liquidity: { kind: "NEXT_DAY", lockDays: null, maturityDate: null, redemptionSettlementDays: 3 }, absTerms: null, p2pTerms: null, pendingApproval: null,
      },
    };
    const executeQuery = vi.fn((operation: Operation) => {
      const name = (operation.query.definitions[0] as { name?: { value: string } }).name?.value;
      if (name === "StaffProduct") return fromValue({ operation, data: loaded, stale: false, hasNext: false });
      if (name === "ProductAuditLog") return fromValue({ operation, data: { productAuditLog: { nodes: [] } }, stale: false, hasNext: false });
      return never;
    });
    const executeMutation = vi.fn(() => fromValue({ data: { createProduct: { product: { id: "P1", status: "DRAFT" }, userErrors: [] } }, stale: false, hasNext: false }));
    const client = { executeQuery, executeMutation, executeSubscription: vi.fn(() => never) } as unknown as Client;
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
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "EQ-9" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Edit EQ-9"));
    expect((screen.getByLabelText("Asset class") as HTMLSelectElement).value).toBe("EQUITY");
    expect((screen.getByLabelText("Redemption settles after (trading days)") as HTMLInputElement).value).toBe("3");
    fireEvent.click(screen.getAllByRole("button", { name: "Save" })[0]);
    expect(await screen.findByText("Nothing changed")).toBeTruthy();
  });
});
