import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { STATE_FILE, startServer } from "./server";

// The demo data is seeded on the morning the first scenario starts; the scenarios move the
// clock forward only (the platform refuses to go back before the ledger's latest entry).
export const SEED_AT = "2026-12-01T09:00:00+08:00";

export default async function globalSetup() {
  mkdirSync(dirname(STATE_FILE), { recursive: true });
  const state = await startServer(SEED_AT);
  process.env.E2E_BASE_URL = state.baseURL;
}
