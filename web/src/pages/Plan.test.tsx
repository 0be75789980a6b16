import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { PlanPage } from "./Plan";

afterEach(cleanup);

describe("plan for me", () => {
  it("sends the amount, horizon, goal and the money needed within a year; errors beside their fields", async () => {
    const answer = { requestRecommendation: { recommendation: null, userErrors: [{ field: "input.liquidityNeed", message: "More than the amount.", code: "INVALID_AMOUNT" }] } };
    const executeMutation = vi.fn(() => fromValue({ data: answer, stale: false, hasNext: false }));
    const client = { executeQuery: vi.fn(() => never), executeMutation, executeSubscription: vi.fn(() => never) } as unknown as Client;
    void i18n.changeLanguage("en");
    render(
      <Provider value={client}>
        <PlanPage />
      </Provider>,
    );
    fireEvent.change(screen.getByLabelText("Horizon (months)"), { target: { value: "36" } });
    fireEvent.change(screen.getByLabelText(/Money you may need within a year/), { target: { value: "20000" } });
    fireEvent.click(screen.getByRole("button", { name: "Get my plan" }));
    await waitFor(() => expect(screen.getByTestId("error-liquidityNeed").textContent).toBe("More than the amount."));
    const sent = (executeMutation.mock.calls[0] as unknown as [{ variables: { input: unknown } }])[0].variables.input;
    expect(sent).toEqual({ amount: "10000", horizonMonths: 36, goalAmount: null, liquidityNeed: "20000" });
  });
});
