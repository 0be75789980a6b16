// Scenarios 1 and 2: a new customer from registration through the questionnaire, a
// recommendation and investing; the next day's confirmation and income appear live on the home
// screen; a guarantee payment is confirmed by the buyer. Once in Chinese, once in English.
import { robo } from "./server";
import { answerQuestionnaire, cardNumber, catchUp, closeDay, expect, extendHistories, idNumber, moveClock, nextDay, test } from "./fixtures";

const JOURNEYS = [
  { lang: "zh-CN", start: "2026-12-01", next: "2026-12-02", after: "2026-12-03", t: { register: "注册", deposit: "充值", invest: "立即投资", confirmReceipt: "确认收货", released: "已放款", pay: "付款" } },
  { lang: "en", catchUp: ["2026-12-04", "2026-12-07"], start: "2026-12-08", next: "2026-12-09", after: "2026-12-10", t: { register: "Register", deposit: "Deposit", invest: "Invest", confirmReceipt: "Confirm receipt", released: "Released", pay: "Pay" } },
] as const;

for (const journey of JOURNEYS) {
  test(`customer journey (${journey.lang})`, async ({ page, server, visit }) => {
    if ("catchUp" in journey) catchUp(server, journey.catchUp[0], journey.catchUp[1]); // the days after the first journey
    moveClock(server, `${journey.start}T10:00:00+08:00`);
    await page.goto("/register");
    if (journey.lang === "en") await page.locator('select[name="language"]').selectOption("en");
    await expect(page.getByRole("heading", { name: journey.t.register })).toBeVisible();
    // every invalid field at once, each beside its field
    await page.locator('input[name="email"]').fill("not-an-email");
    await page.locator('input[name="password"]').fill("short");
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId("error-email")).toBeVisible();
    await expect(page.getByTestId("error-password")).toBeVisible();
    await visit("register-errors");

    const email = `e2e-${journey.lang}-${Date.now()}@example.com`;
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill("Correct-Horse-2026!");
    await page.locator('input[name="displayName"]').fill(journey.lang === "en" ? "Test Person" : "测试用户");
    await page.locator('form button[type="submit"]').click();

    // onboarding: identity, card, payment password
    await expect(page).toHaveURL(/\/onboarding$/);
    await visit("onboarding");
    await page.locator('input[name="realName"]').fill(journey.lang === "en" ? "Test Person" : "测试用户");
    await page.locator('input[name="idNumber"]').fill(idNumber());
    await page.locator("form button[type=submit]").click();
    await page.locator('input[name="bankName"]').fill("China Merchants Bank");
    await page.locator('input[name="cardNumber"]').fill(cardNumber());
    await page.locator("form button[type=submit]").click();
    await page.locator('input[name="paymentPassword"]').fill("482916");
    await page.locator("form button[type=submit]").click();
    await expect(page.locator('.checklist li[data-done="true"]')).toHaveCount(3);

    // questionnaire from the API's question kinds
    await page.goto("/questionnaire");
    await answerQuestionnaire(page);
    await visit("questionnaire");
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId("risk-category")).toBeVisible();

    // money in
    await page.goto("/wallet");
    const depositForm = page.locator("form", { has: page.locator("#deposit-h") });
    await depositForm.locator('input[name="amount"]').fill("50000");
    await depositForm.locator('button[type="submit"]').click();
    await expect(page.getByTestId("available")).toContainText("50,000.00");
    await visit("wallet");

    // plan for me -> invest with the payment password
    await page.goto("/plan");
    await page.locator('input[name="amount"]').fill("20000");
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId("plan-summary")).toBeVisible();
    await expect(page.locator("figure.chart")).toBeVisible();
    await visit("plan");
    await page.getByRole("button", { name: journey.t.invest }).click();
    await page.locator('dialog input[name="paymentPassword"]').fill("482916");
    await page.locator('dialog button[type="submit"]').click();
    await expect(page.getByTestId("invested")).toBeVisible();

    // home: the pending orders; then the next days' jobs run while the screen is open
    await page.goto("/");
    await expect(page.getByTestId("pending-orders").locator("li").first()).toBeVisible();
    await expect(page.locator(".live-dot")).toBeVisible();
    await visit("home-pending");
    moveClock(server, `${journey.start}T16:00:00+08:00`);
    extendHistories(server, [journey.start]); // T's NAV, known after the close
    closeDay(server, journey.next, journey.start); // T+1: the orders are confirmed
    closeDay(server, journey.after, journey.next);
    moveClock(server, `${nextDay(journey.after)}T09:00:00+08:00`);
    robo(server, "funds", "accrue-income", "--date", journey.after); // yesterday's income
    // confirmation and income arrive over the subscriptions: no reload
    await expect(page.getByTestId("holdings").locator("li").first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("yesterday-income")).toContainText(/\+/, { timeout: 60_000 });
    await visit("home-confirmed");

    // a guarantee payment, the payee's masked name first, then confirmed by the buyer
    await page.goto("/wallet");
    const payForm = page.locator("form", { has: page.locator("#pay-h") });
    await payForm.locator('input[name="payee"]').fill("alice@example.com");
    await payForm.locator('button[type="submit"]').click();
    await expect(page.getByTestId("payee-name")).toBeVisible();
    await payForm.locator('input[name="payAmount"]').fill("88.00");
    await payForm.locator('input[name="memo"]').fill("Tea");
    await payForm.locator('button[type="submit"]').click();
    await page.locator('dialog input[name="paymentPassword"]').fill("482916");
    await page.locator('dialog button[type="submit"]').click();
    const payment = page.getByTestId("payments").locator("li").first();
    await expect(payment.getByRole("button", { name: journey.t.confirmReceipt })).toBeVisible();
    await visit("payment-held");
    await payment.getByRole("button", { name: journey.t.confirmReceipt }).click();
    await expect(page.getByTestId("payments").locator("li").first().getByTestId("payment-status")).toHaveText(journey.t.released);
    await visit("payment-released");
  });
}
