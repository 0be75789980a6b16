// End-to-end: Debian's chromium from PATH (never a downloaded browser) against a real
// `robo serve` on a fresh, seeded SQLite database (e2e/global-setup.ts), in trusted-documents
// mode with the manifest this build emitted. One worker: the scenarios share one server whose
// settable clock they move, so they run in order.
import { execSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

process.env.E2E_STATE ??= join(tmpdir(), `robo-e2e-${process.pid}.json`);

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execSync(`command -v ${name}`, { encoding: "utf8" }).trim();
    } catch {
      /* next */
    }
  }
  throw new Error("chromium is not on PATH (apt-get install chromium)");
}

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts/,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 600_000,
  expect: { timeout: 30_000 },
  outputDir: process.env.E2E_ARTIFACTS ? `${process.env.E2E_ARTIFACTS}/results` : "test-results",
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    ...devices["Pixel 5"],
    viewport: { width: 375, height: 812 },
    launchOptions: { executablePath: chromiumPath(), args: ["--no-sandbox"] },
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: "off",
    screenshot: "only-on-failure",
  },
});
