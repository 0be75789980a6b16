// Shared e2e pieces: the server's base URL, an axe-core check plus a screenshot for every page
// visited (no serious or critical violations), the CLI for moving days, and valid test data.
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { readState, robo, type ServerState } from "./server";

export const test = base.extend<{ server: ServerState; visit: (name: string) => Promise<void> }>({
  server: async ({}, use) => {
    await use(readState());
  },
  baseURL: async ({}, use) => {
    await use(readState().baseURL);
  },
  visit: async ({ page, server }, use, testInfo) => {
    const dir = join(server.artifacts, "screenshots");
    mkdirSync(dir, { recursive: true });
    const prefix = testInfo.title.replace(/[^a-z0-9]+/gi, "-").toLowerCase().slice(0, 40);
    let n = 0;
    await use(async (name: string) => {
      await checkA11y(page, name);
      n += 1;
      await page.screenshot({ path: join(dir, `${prefix}-${String(n).padStart(2, "0")}-${name}.png`), fullPage: true });
    });
  },
});

export { expect };

export async function checkA11y(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

export function moveClock(server: ServerState, at: string): void {
  robo(server, "clock", "set", at);
}

/** The platform clock's month (YYYY-MM), as `robo clock show` prints it in the platform's zone. */
export function platformMonth(server: ServerState): string {
  const shown = robo(server, "clock", "show");
  const month = /Platform time: (\d{4}-\d{2})-\d{2}/.exec(shown)?.[1];
  if (!month) throw new Error(`robo clock show said: ${shown}`);
  return month;
}

/** Day ``day`` after its 15:00 close: its NAVs and incomes are published, orders confirmed,
 * and the previous day's money-fund income accrued (as the daily jobs would). */
export function closeDay(server: ServerState, day: string, previous: string): void {
  moveClock(server, `${day}T16:00:00+08:00`);
  extendHistories(server, [day]);
  if (new Date(`${day}T00:00:00Z`).getUTCDay() % 6 !== 0) robo(server, "funds", "confirm-orders", "--date", day);
  robo(server, "funds", "accrue-income", "--date", previous);
}

/** The days from ``from`` to ``to`` closed one by one (incomes published and accrued), so that
 * a later scenario starts on a platform whose daily jobs have all run. */
export function catchUp(server: ServerState, from: string, to: string): void {
  for (let day = from; day <= to; day = nextDay(day)) closeDay(server, day, nextDay(day, -1));
}

export function nextDay(day: string, n = 1): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** A valid mainland ID number (GB 11643 check character) born in 1990. */
export function idNumber(): string {
  const seq = String(100 + Math.floor(Math.random() * 899));
  const body = "110105" + "1990" + "0" + (1 + Math.floor(Math.random() * 9)) + "1" + (1 + Math.floor(Math.random() * 8)) + seq;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body.split("").reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}

/** A 19-digit card number with a valid Luhn check digit. */
export function cardNumber(): string {
  let partial = "622202";
  while (partial.length < 18) partial += String(Math.floor(Math.random() * 10));
  for (let d = 0; d <= 9; d++) {
    const candidate = partial + d;
    let sum = 0;
    candidate
      .split("")
      .reverse()
      .forEach((ch, i) => {
        let v = Number(ch);
        if (i % 2 === 1) {
          v *= 2;
          if (v > 9) v -= 9;
        }
        sum += v;
      });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable");
}

export const MODERATE_ANSWERS: Record<string, string | string[]> = {
  age: "35",
  annual_income: "200000",
  average_income_3y: "180000",
  financial_assets: "300000",
  net_assets: "500000",
  debts: "0",
  horizon: "y3_5",
  liquidity_need: "2000",
  experience_years: "5",
  products_held: ["deposits", "bonds", "equities"],
  w_compare: "same",
  w_sure_gain: "sure",
  w_sure_loss: "gamble",
  w_fall_20: "hold",
  w_tradeoff: "loss_3k_gain_8k",
  w_max_loss: "up_to_15",
  w_job: "half",
  w_windfall: "mix",
  w_risk_word: "opportunity",
  w_game_show: "p50_5k",
};

export async function answerQuestionnaire(page: Page): Promise<void> {
  await expect(page.locator("form input").first()).toBeVisible();
  for (const [id, answer] of Object.entries(MODERATE_ANSWERS)) {
    if (Array.isArray(answer)) {
      for (const option of answer) await page.locator(`input[name="${id}"][value="${option}"]`).check();
    } else if ((await page.locator(`input[name="${id}"][type="radio"]`).count()) > 0) {
      await page.locator(`input[name="${id}"][value="${answer}"]`).check();
    } else {
      await page.locator(`input[name="${id}"]`).fill(answer);
    }
  }
}

export async function signIn(page: Page, email: string, password = "demo-pass-2026"): Promise<void> {
  await page.goto("/login");
  await expect(page.locator('input[name="email"]')).toBeVisible();
  await checkA11y(page, "sign-in"); // a page visited like any other: axe checks it too
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/**
 * The demo histories end on the day the data was seeded; the scenarios move days on, so each
 * product gets its last NAV (equity funds) or income per 10,000 units (money funds) repeated for
 * the new days (equity NAVs rising a little on weekdays), loaded as a product manager would:
 * `robo products import-history`.
 */
export function extendHistories(server: ServerState, days: string[]): void {
  const python = join(dirname(server.robo), "python");
  const csv = join(server.dir, `history-${days[0]}.csv`);
  const script = `
import sqlite3, sys
from datetime import date
db, out, days = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
c = sqlite3.connect(db)
rows = ["product_code,date,value"]
for pid, code, kind in c.execute("select id, code, kind from products where kind in ('EQUITY_FUND','MONEY_FUND')").fetchall():
    table, column = ("product_navs", "nav") if kind == "EQUITY_FUND" else ("product_incomes", "income_per_10k")
    last = c.execute(f"select date, {column} from {table} where product_id=? order by date desc limit 1", (pid,)).fetchone()
    if last is None:
        continue
    value = last[1] / 10000
    for day in days:
        if day <= last[0]:
            continue
        if kind == "EQUITY_FUND":
            if date.fromisoformat(day).weekday() >= 5:
                continue  # NAVs exist for trading days only
            value *= 1.0005  # a small rise each day, so that yesterday's move is a gain
        rows.append(f"{code},{day},{value:.4f}")
open(out, "w").write("\\n".join(rows) + "\\n")
`;
  execFileSync(python, ["-c", script, join(server.dir, "robo.db"), csv, days.join(",")]);
  robo(server, "products", "import-history", csv);
}
