import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { CombinedError, Provider, type Client, type Operation } from "urql";
import { concat, fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { StatementsPage, defaultMonth } from "./Statements";

afterEach(cleanup);

const money = (amount: string) => ({ amount, currency: "CNY" });
const statement = (month: string) => ({
  me: {
    id: "u1",
    statement: {
      month, csvPath: `/statements/${month}.csv`, incomeTotal: money("1.00"), feesTotal: money("0.00"),
      opening: [{ total: money("0.00") }], closing: [{ total: money("1.00") }], lines: [],
    },
  },
});

function renderStatements(platformDate: { data?: unknown; error?: CombinedError }) {
  const executeQuery = vi.fn((operation: Operation) => {
    const name = (operation.query.definitions[0] as { name?: { value: string } }).name?.value;
    if (name === "PlatformDate") return concat([fromValue({ operation, ...platformDate, stale: false, hasNext: false }), never]);
    if (name === "Statement") return fromValue({ operation, data: statement((operation.variables as { month: string }).month), stale: false, hasNext: false });
    return never;
  });
  const client = { executeQuery, executeMutation: vi.fn(() => never), executeSubscription: vi.fn(() => never) } as unknown as Client;
  void i18n.changeLanguage("en");
  render(
    <Provider value={client}>
      <MemoryRouter>
        <StatementsPage />
      </MemoryRouter>
    </Provider>,
  );
  const asked = () =>
    executeQuery.mock.calls
      .map(([operation]) => operation as Operation)
      .filter((operation) => (operation.query.definitions[0] as { name?: { value: string } }).name?.value === "Statement")
      .map((operation) => (operation.variables as { month: string }).month);
  return { asked };
}

describe("statements: the month shown first", () => {
  it("is the platform clock's month, not the device's", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(2026, 11, 4, 12) }); // the device says December
    try {
      const { asked } = renderStatements({ data: { platformDate: "2027-01-04" } });
      await waitFor(() => expect(screen.getByLabelText("Month")).toHaveProperty("value", "2027-01"));
      await waitFor(() => expect(screen.getByTestId("download-csv")).toBeTruthy());
      expect(new Set(asked())).toEqual(new Set(["2027-01"]));
    } finally {
      vi.useRealTimers();
    }
  });

  it("falls back to the device's month (local time) when the server cannot say", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(2026, 11, 31, 23, 30) });
    try {
      expect(defaultMonth(null, true)).toBe("2026-12");
      expect(defaultMonth(undefined, false)).toBeNull(); // still asking: wait
      expect(defaultMonth("2027-02-28", false)).toBe("2027-02");
    } finally {
      vi.useRealTimers();
    }
  });

  it("opens on the device's month when the platform date query fails", async () => {
    const now = new Date();
    const device = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
    renderStatements({ error: new CombinedError({ networkError: new Error("offline") }) });
    await waitFor(() => expect(screen.getByLabelText("Month")).toHaveProperty("value", device));
  });
});
