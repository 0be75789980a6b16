// The other customer screens, as a demo customer with history (every page is checked by axe):
// catalogue, a product with its chart and the risk acknowledgement, switching a holding, history with a filter,
// the month's statement and its CSV download, notifications, settings and language.
import { expect, platformMonth, signIn, test } from "./fixtures";

test("a demo customer's screens", async ({ page, server, visit }) => {
  await signIn(page, "bob@example.com");
  await expect(page.getByTestId("total-assets")).toContainText("¥");
  await expect(page.getByTestId("holdings").locator("li").first()).toBeVisible();
  await visit("demo-home");

  await page.goto("/products");
  await expect(page.locator(".products li").first()).toBeVisible();
  await visit("catalogue");
  // a product above Bob's category (C2) asks for an acknowledgement before the password
  await page.getByRole("button", { name: /股票基金|Equity fund/ }).click();
  const risky = page.locator(".products li", { has: page.locator(".suit-NEEDS_ACKNOWLEDGEMENT") }).first();
  await risky.locator("a").click();
  await expect(page.locator("figure.chart")).toBeVisible();
  await visit("product");
  await page.locator('input[name="amount"]').fill("1000");
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator("dialog[open] h2")).toBeVisible();
  await visit("acknowledgement");
  await page.locator("dialog[open] button").last().click();
  await expect(page.locator('dialog[open] input[name="paymentPassword"]')).toBeVisible();
  await page.locator("dialog[open] button.secondary").click();

  // a holding of a fund that allows switching (转换): switch some units into a sibling fund
  await page.goto("/");
  await page.getByTestId("holdings").locator("a", { hasText: /短债|Short Bond/ }).click();
  const holding = page.getByTestId("holding");
  await expect(holding).toBeVisible();
  await holding.locator('input[name="units"]').fill("100");
  await holding.locator('select[name="toProductId"]').selectOption({ index: 1 });
  await holding.locator('button[type="submit"]').click();
  await page.locator('dialog[open] input[name="paymentPassword"]').fill("482916");
  await page.locator('dialog[open] button[type="submit"]').click();
  await expect(holding.getByRole("status")).toBeVisible();
  await visit("holding-switch");

  await page.goto("/history");
  await expect(page.getByTestId("transactions").locator("li").first()).toBeVisible();
  await page.locator("#kind").selectOption("DEPOSIT");
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByTestId("transactions").locator("li").first()).toBeVisible();
  await visit("history");

  await page.goto("/statements");
  // opens on the platform's month (platformDate: its clock is set), not the machine's
  await expect(page.locator("#month")).toHaveValue(platformMonth(server));
  await expect(page.getByTestId("download-csv")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByTestId("download-csv").click();
  expect((await download).suggestedFilename()).toMatch(/^statement-\d{4}-\d{2}\.csv$/);
  await visit("statements");

  await page.goto("/notifications");
  await expect(page.getByTestId("notifications").locator("li").first()).toBeVisible();
  await visit("notifications");

  await page.goto("/me");
  await expect(page.locator("#lang")).toBeVisible();
  await visit("settings");
  await page.locator("#lang").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "我的" })).toBeVisible();
});
