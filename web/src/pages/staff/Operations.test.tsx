import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { Provider, type Client, type Operation } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import StaffConsole from "./StaffConsole";

vi.mock("../../session", () => ({
  useSession: () => ({ viewer: { id: "ops", email: "ops@example.com", roles: ["OPERATOR"] }, signOut: () => undefined }),
}));

afterEach(cleanup);

describe("operations: a daily job's report", () => {
  it("lists each product's result in words, its items and its amount", async () => {
    const report = {
      runDailyJob: {
        report: {
          date: "2026-12-02", job: "ACCRUE_INCOME",
          runs: [
            { code: "MF1", result: "DONE", items: 12, message: "Paid.", amount: { amount: "1234.5", currency: "CNY" } },
            { code: "MF2", result: "WAITING", items: 0, message: "No income figure yet.", amount: null },
          ],
        },
        userErrors: [],
      },
    };
    const client = {
      executeQuery: vi.fn(() => never),
      executeMutation: vi.fn(() => fromValue({ data: report, stale: false, hasNext: false })),
      executeSubscription: vi.fn(() => never),
    } as unknown as Client;
    void i18n.changeLanguage("en");
    render(
      <Provider value={client}>
        <MemoryRouter initialEntries={["/staff/ops"]}>
          <Routes>
            <Route path="/staff/*" element={<StaffConsole />} />
          </Routes>
        </MemoryRouter>
      </Provider>,
    );
    fireEvent.change(screen.getByLabelText("Job"), { target: { value: "ACCRUE_INCOME" } });
    fireEvent.change(screen.getByLabelText("Date"), { target: { value: "2026-12-02" } });
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    const table = await waitFor(() => screen.getByTestId("job-report"));
    const rows = within(table).getAllByRole("row");
    expect(rows[1].textContent).toBe("MF1Done12+¥1,234.50Paid.");
    expect(rows[2].textContent).toBe("MF2Waiting0—No income figure yet.");
  });
});

describe("operations: settling a dispute", () => {
  it("sends the operator's note with the outcome", async () => {
    const disputes = { disputedPayments: { nodes: [{ id: "pay1", memo: "Books", disputeAgeDays: 3, refundReason: "Never came", amount: { amount: "120.00", currency: "CNY" }, payer: { displayName: "Alice" }, payee: { displayName: "Carol" } }] } };
    const executeQuery = vi.fn((operation: Operation) => {
      const name = (operation.query.definitions[0] as { name?: { value: string } }).name?.value;
      if (name === "DisputedPayments") return fromValue({ operation, data: disputes, stale: false, hasNext: false });
      return never;
    });
    const executeMutation = vi.fn(() => fromValue({ data: { resolveDispute: { payment: { id: "pay1", status: "REFUNDED" }, userErrors: [] } }, stale: false, hasNext: false }));
    const client = { executeQuery, executeMutation, executeSubscription: vi.fn(() => never) } as unknown as Client;
    void i18n.changeLanguage("en");
    render(
      <Provider value={client}>
        <MemoryRouter initialEntries={["/staff/ops"]}>
          <Routes>
            <Route path="/staff/*" element={<StaffConsole />} />
          </Routes>
        </MemoryRouter>
      </Provider>,
    );
    fireEvent.change(await screen.findByLabelText("Note on the decision (optional)"), { target: { value: " No proof of delivery. " } });
    fireEvent.click(screen.getByRole("button", { name: "Refund the buyer" }));
    await waitFor(() => expect(executeMutation).toHaveBeenCalled());
    const sent = (executeMutation.mock.calls[0] as unknown as [{ variables: { input: unknown } }])[0].variables.input;
    expect(sent).toEqual({ paymentId: "pay1", outcome: "REFUND", note: "No proof of delivery." });
  });
});
