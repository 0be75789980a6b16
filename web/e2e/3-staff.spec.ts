// Scenario 3: two product managers launch a product with four eyes (the one who asks cannot
// approve), after loading its NAV history from a CSV, and one asks to correct a NAV (it waits for
// the other); a customer then finds it in the catalogue.
// Scenario 4: an operator settles a dispute, then corrects a recorded money-fund income (an unusual
// figure waits for a second member of staff).
import { expect, signIn, test } from "./fixtures";

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false }); // the console is a desktop tool

test("two product managers launch a product; a customer sees it", async ({ page, visit }) => {
  const code = `E2E-EQ-${Date.now() % 100000}`;
  await signIn(page, "pm1@example.com");
  await expect(page).toHaveURL(/\/staff\/products$/);
  await expect(page.locator("table tbody tr").first()).toBeVisible();
  await visit("pm-catalogue");
  await page.goto("/staff/products/new");
  await page.locator('input[name="code"]').fill(code);
  await page.locator('input[name="nameZh"]').fill("端到端测试基金");
  await page.locator('input[name="nameEn"]').fill("End-to-end Test Fund");
  await page.locator('input[name="issuer"]').fill("E2E Asset Management");
  await page.locator("#f-riskLevel").selectOption("R2");
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/staff\/products\/(?!new)/);
  await visit("pm-product");

  // NAV history by CSV upload (all lines or none)
  await page.goto("/staff/upload");
  const lines = ["product_code,date,nav"];
  // a year and more of weekday NAVs (a launch needs 200+ over 365+ days), a gentle walk
  let nav = 1;
  for (let day = new Date("2025-10-01T00:00:00Z"); day <= new Date("2026-11-30T00:00:00Z"); day.setUTCDate(day.getUTCDate() + 1)) {
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    nav *= 1 + Math.sin(day.getTime() / 8.64e7 / 9) * 0.002 + 0.0002;
    lines.push(`${code},${day.toISOString().slice(0, 10)},${nav.toFixed(4)}`);
  }
  const send = async (rows: string[]) => {
    await page.locator("#csv").setInputFiles({ name: "nav.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n") + "\n") });
    await page.locator('form button[type="submit"]').click();
  };
  // the first try names each holiday line (all lines or none were loaded) ...
  await send(lines);
  await expect(page.getByRole("alert")).toContainText(/Line \d+|第 ?\d+ ?行/);
  await visit("pm-upload-errors");
  const rejected = new Set(
    (await page.getByRole("alert").locator("p").allTextContents()).map((text) => Number(/(\d+)/.exec(text)?.[1])),
  );
  // ... and without them the file loads
  await send(lines.filter((_, index) => !rejected.has(index + 1)));
  await expect(page.getByRole("status")).toBeVisible();
  await visit("pm-upload");

  // submit for launch; the same PM sees no approve button (four eyes)
  await page.goto("/staff/products");
  const row = page.locator(`tr[data-code="${code}"]`);
  await row.getByRole("button").click();
  const said = await page.getByTestId("staff-message").textContent();
  await expect(row.getByTestId("product-status"), said ?? "").toHaveAttribute("data-status", "PENDING_APPROVAL");
  await expect(row.getByTestId("product-status")).toHaveText(/^(待复核上架|Pending approval)$/); // in words, not the enum
  await expect(row.getByRole("button")).toHaveCount(0);

  // the second PM approves
  await page.getByRole("button", { name: /退出登录|Sign out/ }).click();
  await signIn(page, "pm2@example.com");
  await expect(page).toHaveURL(/\/staff\/products$/);
  const row2 = page.locator(`tr[data-code="${code}"]`);
  await row2.getByRole("button").click();
  const said2 = await page.getByTestId("staff-message").textContent();
  await expect(row2.getByTestId("product-status"), said2 ?? "").toHaveAttribute("data-status", "ON_SALE");
  await expect(row2.getByTestId("product-status")).toHaveText(/^(在售|On sale)$/);
  await visit("pm-approved");

  // a correction of a recorded NAV waits for the other product manager (four eyes)
  await page.goto("/staff/changes");
  const correct = page.getByTestId("correct-nav");
  await correct.locator("#correct-product").selectOption({ label: code });
  await correct.locator("#correct-date").fill("2026-11-27");
  await correct.locator('input[name="nav"]').fill("1.2345");
  await correct.locator('button[type="submit"]').click();
  const pending = page.getByTestId("nav-corrections").locator("li", { hasText: code });
  await expect(pending).toContainText("1.2345");
  await expect(pending.getByRole("button", { name: /批准|Approve/ })).toBeDisabled(); // not by the one who asked
  await visit("pm-nav-correction");

  // a customer finds it
  await page.evaluate(() => localStorage.removeItem("robo.tokens"));
  await signIn(page, "bob@example.com");
  await expect(page.getByTestId("total-assets")).toBeVisible();
  await page.goto("/products");
  await page.locator("#search").fill(code);
  await expect(page.locator(".products li")).toHaveCount(1);
  await expect(page.locator(".products li")).toContainText(code);
  await visit("customer-catalogue");
});

test("an operator settles a dispute and corrects an income", async ({ page, visit }) => {
  await signIn(page, "ops@example.com");
  await expect(page).toHaveURL(/\/staff\/ops$/);
  const disputes = page.getByTestId("disputes").locator("li");
  await expect(disputes.first()).toBeVisible();
  const before = await disputes.count();
  await visit("ops");
  await disputes.first().getByRole("button").first().click();
  await expect(page.getByTestId("staff-message")).toBeVisible();
  await expect(disputes).toHaveCount(before - 1);
  await visit("ops-settled");

  // an operator corrects a recorded money-fund income; an unusual figure waits for a second
  // member of staff, whose approval the operator cannot give (four eyes)
  await page.goto("/staff/changes");
  const correct = page.getByTestId("correct-income");
  await correct.locator("#income-product").selectOption({ index: 1 });
  await correct.locator("#income-date").fill("2026-11-27");
  await correct.locator('input[name="incomePer10kUnits"]').fill("3.5000");
  await correct.locator('button[type="submit"]').click();
  await expect(correct.getByTestId("income-outcome")).toBeVisible();
  const waiting = page.getByTestId("income-figures").locator("li", { hasText: "2026-11-27" }).first();
  await expect(waiting).toContainText("3.5");
  await expect(waiting.getByRole("button").first()).toBeDisabled();
  await visit("ops-income-correction");
});
