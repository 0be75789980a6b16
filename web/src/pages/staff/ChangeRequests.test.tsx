import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { Provider, type Client, type Operation } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { ChangeRequests } from "./StaffConsole";

const viewer = { id: "v", email: "staff@example.com", roles: ["OPERATOR"] as string[] };
vi.mock("../../session", () => ({ useSession: () => ({ viewer, signOut: () => undefined }) }));

afterEach(cleanup);

// What the server would answer each query of the page (whatever the role: the page decides what to show).
const answers: Record<string, unknown> = {
  ChangeRequests: { productChangeRequests: { nodes: [] } },
  StaffProducts: { products: { nodes: [{ id: "p-MF1", code: "MF1", kind: "MONEY_FUND" }, { id: "p-EQ1", code: "EQ1", kind: "EQUITY_FUND" }] } },
  PendingFigures: { navCorrections: [], incomeFigureRequests: [] },
};

function renderPage(roles: string[]) {
  viewer.roles = roles;
  const executeQuery = vi.fn((operation: Operation) => {
    const name = operation.query.definitions.map((d) => ("name" in d && d.name ? d.name.value : "")).find(Boolean) ?? "";
    return name in answers ? fromValue({ operation, data: answers[name], stale: false, hasNext: false }) : never;
  });
  const client = { executeQuery, executeMutation: vi.fn(() => never), executeSubscription: vi.fn(() => never) } as unknown as Client;
  void i18n.changeLanguage("en");
  render(
    <Provider value={client}>
      <MemoryRouter>
        <ChangeRequests />
      </MemoryRouter>
    </Provider>,
  );
  return executeQuery;
}

describe("the change-requests page shows each role its own four-eyes work", () => {
  it("an operator sees the income figures and the income correction, not product changes or NAV corrections", () => {
    renderPage(["OPERATOR"]);
    expect(screen.getByTestId("income-figures")).toBeTruthy();
    expect(screen.getByTestId("correct-income")).toBeTruthy();
    expect(screen.queryByTestId("change-requests")).toBeNull();
    expect(screen.queryByTestId("nav-corrections")).toBeNull();
    expect(screen.queryByTestId("correct-nav")).toBeNull();
  });

  it("a product manager sees product changes and NAV corrections, and no income correction form", () => {
    renderPage(["PRODUCT_MANAGER"]);
    expect(screen.getByTestId("change-requests")).toBeTruthy();
    expect(screen.getByTestId("nav-corrections")).toBeTruthy();
    expect(screen.getByTestId("correct-nav")).toBeTruthy();
    expect(screen.getByTestId("income-figures")).toBeTruthy();
    expect(screen.queryByTestId("correct-income")).toBeNull();
  });
});
