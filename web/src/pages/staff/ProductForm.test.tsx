import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { Provider, type Client } from "urql";
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
