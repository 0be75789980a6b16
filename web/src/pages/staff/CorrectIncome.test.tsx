import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Provider, type Client, type Operation } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { CorrectIncome } from "./StaffConsole";

vi.mock("../../session", () => ({
  useSession: () => ({ viewer: { id: "ops", email: "ops@example.com", roles: ["OPERATOR"] }, signOut: () => undefined }),
}));

afterEach(cleanup);

function renderForm(answer: unknown, lang: "en" | "zh-CN" = "en") {
  const executeMutation = vi.fn((operation: Operation) => fromValue({ operation, data: { correctMoneyFundIncome: answer }, stale: false, hasNext: false }));
  const client = { executeQuery: vi.fn(() => never), executeMutation, executeSubscription: vi.fn(() => never) } as unknown as Client;
  const onDone = vi.fn();
  void i18n.changeLanguage(lang);
  render(
    <Provider value={client}>
      <CorrectIncome moneyFunds={[{ id: "p-MF1", code: "MF1" }]} onDone={onDone} />
    </Provider>,
  );
  const label = lang === "en" ? { code: "Code", date: "Date", value: "Income per 10,000 units (CNY)", submit: "Submit" } : { code: "代码", date: "日期", value: "每万份收益（元）", submit: "提交" };
  fireEvent.change(screen.getByLabelText(label.code), { target: { value: "p-MF1" } });
  fireEvent.change(screen.getByLabelText(label.date), { target: { value: "2026-12-02" } });
  fireEvent.change(screen.getByLabelText(label.value), { target: { value: "0.8123" } });
  fireEvent.click(screen.getByRole("button", { name: label.submit }));
  return { executeMutation, onDone };
}

describe("correcting a recorded money-fund income", () => {
  it("sends the product, day and figure, and says what was paid again", async () => {
    const { executeMutation, onDone } = renderForm({
      income: { productId: "p-MF1", date: "2026-12-02", incomePer10kUnits: "0.8123", holders: 3, total: { amount: "12.34", currency: "CNY" } },
      incomeRequest: null,
      userErrors: [],
    });
    await waitFor(() => expect(screen.getByTestId("income-outcome").textContent).toBe("Corrected 2026-12-02: 3 holders, ¥12.34 in all"));
    const operation = executeMutation.mock.calls[0][0] as Operation;
    expect(operation.variables).toEqual({ input: { productId: "p-MF1", date: "2026-12-02", incomePer10kUnits: "0.8123" } });
    expect(onDone).toHaveBeenCalled();
  });

  it("says an unusual figure waits for a second member of staff (in Chinese too)", async () => {
    renderForm({ income: null, incomeRequest: { id: "r1", status: "PENDING" }, userErrors: [] }, "zh-CN");
    await waitFor(() => expect(screen.getByTestId("income-outcome").textContent).toContain("另一位员工复核"));
  });

  it("shows the server's refusal beside the figure and keeps what was typed", async () => {
    const { onDone } = renderForm({ income: null, incomeRequest: null, userErrors: [{ field: "incomePer10kUnits", message: "No income recorded that day.", code: "NOT_FOUND" }] });
    await waitFor(() => expect(screen.getByText("No income recorded that day.")).toBeTruthy());
    expect(screen.queryByTestId("income-outcome")).toBeNull();
    expect((screen.getByLabelText("Income per 10,000 units (CNY)") as HTMLInputElement).value).toBe("0.8123");
    expect(onDone).not.toHaveBeenCalled();
  });
});
