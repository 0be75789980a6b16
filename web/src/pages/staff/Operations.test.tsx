import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { Provider, type Client } from "urql";
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
