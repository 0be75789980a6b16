import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { HomePage } from "./Home";

afterEach(cleanup);

const money = (amount: string) => ({ amount, currency: "CNY" });
const HOME = {
  me: {
    id: "u1", displayName: "Bob", unreadNotificationCount: 2,
    wallet: { available: money("100.00"), held: money("0.00") },
    portfolio: {
      totalValue: money("1100.00"), cash: money("100.00"), inTransit: money("1000.00"), yesterdayIncome: money("0.00"),
      cumulativeIncome: money("0.00"), moneyFundBalance: money("0.00"), holdings: [],
      pendingOrders: [
        { id: "o1", side: "SUBSCRIBE", status: "PENDING", tradeDate: "2026-12-01", cancellableUntil: "2026-12-01T15:00:00+08:00", amount: money("1000.00"), product: { id: "p1", code: "EQ1", name: "Growth Fund" } },
      ],
    },
  },
  moneyFunds: { nodes: [] },
};

function renderHome(cancelAnswer: unknown, home: unknown = HOME) {
  const executeMutation = vi.fn(() => fromValue({ data: cancelAnswer, stale: false, hasNext: false }));
  const client = {
    executeQuery: vi.fn(() => fromValue({ data: home, stale: false, hasNext: false })),
    executeMutation,
    executeSubscription: vi.fn(() => never),
  } as unknown as Client;
  void i18n.changeLanguage("en");
  render(
    <Provider value={client}>
      <MemoryRouter>
        <HomePage />
      </MemoryRouter>
    </Provider>,
  );
  return executeMutation;
}

describe("home: cancelling a pending order", () => {
  it("shows the cut-off and, when the server refuses, why", async () => {
    const executeMutation = renderHome({ cancelOrder: { order: null, userErrors: [{ field: null, message: "Past the 15:00 cut-off.", code: "PAST_CUTOFF" }] } });
    expect(screen.getByText("Cancel until 2026-12-01 15:00")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Cancel order" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("Past the 15:00 cut-off."));
    expect(executeMutation).toHaveBeenCalledTimes(1);
  });
  it("says so when it was cancelled", async () => {
    renderHome({ cancelOrder: { order: { id: "o1", status: "CANCELLED" }, userErrors: [] } });
    fireEvent.click(screen.getByRole("button", { name: "Cancel order" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Order cancelled: Growth Fund"));
  });
});

describe("home: the money fund's 7-day yield", () => {
  it("is the held money fund's, not the catalogue's first", () => {
    const holding = { units: "5000", value: money("5000.00"), yesterdayIncome: money("0.30"), product: { id: "mf2", code: "MF2", name: "Cash Plus", kind: "MONEY_FUND", sevenDayAnnualizedYield: "0.0215" } };
    const home = {
      me: { ...HOME.me, portfolio: { ...HOME.me.portfolio, holdings: [holding] } },
      moneyFunds: { nodes: [{ id: "mf1", name: "Cash", sevenDayAnnualizedYield: "0.0180" }] },
    };
    renderHome(null, home);
    expect(screen.getByTestId("seven-day-yield").textContent).toBe("2.15%");
    cleanup();
    renderHome(null, { ...HOME, moneyFunds: { nodes: [{ id: "mf1", name: "Cash", sevenDayAnnualizedYield: "0.0180" }] } });
    expect(screen.getByTestId("seven-day-yield").textContent).toBe("1.80%");
  });
});
