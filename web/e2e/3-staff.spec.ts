// Scenario 3: two product managers launch a product with four eyes (the one who asks cannot
// approve), after loading its NAV history from a CSV; a customer then finds it in the catalogue.
// Scenario 4: an operator settles a dispute.
import { expect, signIn, test } from "./fixtures";

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
  for (const day of ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30"]) lines.push(`${code},${day},1.0000`);
  await page.locator("#csv").setInputFiles({ name: "nav.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n") + "\n") });
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole("status")).toBeVisible();
  await visit("pm-upload");

  // submit for launch; the same PM sees no approve button (four eyes)
  await page.goto("/staff/products");
  const row = page.locator(`tr[data-code="${code}"]`);
  await row.getByRole("button").click();
  await expect(row.getByTestId("product-status")).toHaveText("PENDING_APPROVAL");
  await expect(row.getByRole("button")).toHaveCount(0);

  // the second PM approves
  await page.getByRole("button", { name: /退出登录|Sign out/ }).click();
  await signIn(page, "pm2@example.com");
  await expect(page).toHaveURL(/\/staff\/products$/);
  const row2 = page.locator(`tr[data-code="${code}"]`);
  await row2.getByRole("button").click();
  await expect(row2.getByTestId("product-status")).toHaveText("ON_SALE");
  await visit("pm-approved");

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

test("an operator settles a dispute", async ({ page, visit }) => {
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
});
