// Navigation to the home screen until it shows the total assets, in Debian's chromium: signs in
// once (the tokens stay in localStorage), then times `runs` fresh page loads of "/" (a new page
// each, HTTP cache warm as for a returning user) and prints the times in ms as JSON.
import { chromium } from "@playwright/test";

const [baseURL, email, password, executablePath, runs = "10"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
const page = await context.newPage();
await page.goto(`${baseURL}/login`);
await page.fill('input[name="email"]', email);
await page.fill('input[name="password"]', password);
await page.click('form button[type="submit"]');
await page.getByTestId("total-assets").waitFor({ timeout: 60_000 });
await page.close();
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const tab = await context.newPage();
  const started = Date.now();
  await tab.goto(`${baseURL}/`);
  await tab.getByTestId("total-assets").getByText("¥").waitFor({ timeout: 60_000 });
  times.push(Date.now() - started);
  await tab.close();
}
await browser.close();
console.log(JSON.stringify(times));
