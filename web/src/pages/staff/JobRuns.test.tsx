import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { Provider, type Client, type Operation } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { JobRuns } from "./StaffConsole";

vi.mock("../../session", () => ({
  useSession: () => ({ viewer: { id: "ops", email: "ops@example.com", roles: ["OPERATOR"] }, signOut: () => undefined }),
}));

afterEach(cleanup);

const run = (over: Record<string, unknown>) => ({
  id: "r1", job: "ACCRUE_INCOME", date: "2026-12-02", productId: "p-MF1", state: "DONE", attempts: 1, items: 12,
  message: "Paid.", errors: [], tasksDone: 1, tasksTotal: 1, finishedAt: "2026-12-03T00:40:00+00:00",
  amount: { amount: "1234.50", currency: "CNY" }, ...over,
});

function renderRuns(lang: "en" | "zh-CN" = "en") {
  const asked: Record<string, unknown>[] = [];
  const executeQuery = vi.fn((operation: Operation) => {
    const name = operation.query.definitions.map((d) => ("name" in d && d.name ? d.name.value : "")).find(Boolean);
    if (name === "PlatformDate") return fromValue({ operation, data: { platformDate: "2026-12-02" }, stale: false, hasNext: false });
    if (name === "StaffProducts") return fromValue({ operation, data: { products: { nodes: [{ id: "p-MF1", code: "MF1", kind: "MONEY_FUND" }] } }, stale: false, hasNext: false });
    if (name === "DailyJobRuns") {
      asked.push(operation.variables as Record<string, unknown>);
      const runs = (operation.variables as { date?: string } | undefined)?.date === "2026-12-02"
        ? [run({}), run({ id: "r2", job: "CONFIRM_ORDERS", productId: null, state: "FAILED", items: null, amount: null, message: "", errors: ["database went away"] })]
        : [];
      return fromValue({ operation, data: { dailyJobRuns: runs }, stale: false, hasNext: false });
    }
    return never;
  });
  const executeMutation = vi.fn((operation: Operation) =>
    fromValue({ operation, data: { rerunDailyJob: { run: { id: "r2", state: "PENDING", attempts: 2, message: "", errors: [] }, userErrors: [] } }, stale: false, hasNext: false }),
  );
  const client = { executeQuery, executeMutation, executeSubscription: vi.fn(() => never) } as unknown as Client;
  void i18n.changeLanguage(lang);
  render(
    <Provider value={client}>
      <JobRuns />
    </Provider>,
  );
  return { asked, executeMutation };
}

describe("operators see a day's job runs and run a failed one again", () => {
  it("opens on the platform's date, names the fund, shows states in words and the failure", async () => {
    const { asked } = renderRuns();
    const table = await screen.findByTestId("job-runs");
    expect(asked[0]).toEqual({ date: "2026-12-02" });
    expect((screen.getByLabelText("Business day") as HTMLInputElement).value).toBe("2026-12-02");
    const [done, failed] = within(table).getAllByRole("row").slice(1);
    expect(done.textContent).toContain("MF1");
    expect(done.textContent).toContain("Done");
    expect(within(done).queryByRole("button")).toBeNull();
    expect(failed.textContent).toContain("Failed");
    expect(failed.textContent).toContain("database went away");
  });

  it("runs only a failed run again, by its id", async () => {
    const { executeMutation } = renderRuns("zh-CN");
    const table = await screen.findByTestId("job-runs");
    fireEvent.click(within(table).getByRole("button", { name: "重新运行" }));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect((executeMutation.mock.calls[0][0] as Operation).variables).toEqual({ input: { id: "r2" } });
    await waitFor(() => expect(screen.getByTestId("staff-message").textContent).toBeTruthy());
  });

  it("says when a chosen day has no runs", async () => {
    renderRuns();
    await screen.findByTestId("job-runs");
    fireEvent.change(screen.getByLabelText("Business day"), { target: { value: "2026-11-30" } });
    await waitFor(() => expect(screen.getByText("No job runs for this day")).toBeTruthy());
  });
});
