// The real server for the e2e run: a temp dir with a fresh SQLite database, migrated, the demo
// data seeded, `robo serve` on a free port with ROBO_ENV=test (settable clock) and the build's
// trusted-documents manifest. State goes to a JSON file the tests read.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

// set once by playwright.config.ts (workers inherit it), so every process finds the same server
export const STATE_FILE = process.env.E2E_STATE ?? join(tmpdir(), "robo-e2e-state.json");

export interface ServerState {
  dir: string;
  port: number;
  baseURL: string;
  pid: number;
  env: Record<string, string>;
  robo: string;
  artifacts: string;
}

export function roboBinary(): string {
  const found = process.env.ROBO_BIN ?? resolve(here, "..", "..", ".venv", "bin", "robo");
  if (!existsSync(found)) throw new Error(`robo not found at ${found}: run make install (or set ROBO_BIN)`);
  return found;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => ok(port));
    });
    server.on("error", fail);
  });
}

export function readState(): ServerState {
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as ServerState;
}

export function robo(state: Pick<ServerState, "robo" | "env" | "dir">, ...args: string[]): string {
  return execFileSync(state.robo, args, {
    env: { ...process.env, ...state.env },
    cwd: state.dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export async function startServer(seedAt: string): Promise<ServerState> {
  const dir = mkdtempSync(join(tmpdir(), "robo-e2e-"));
  const port = await freePort();
  const dist = resolve(here, "..", "dist");
  const env: Record<string, string> = {
    ROBO_ENV: "test",
    ROBO_DATABASE_URL: `sqlite:///${join(dir, "robo.db")}`,
    ROBO_WEB_DIST: dist,
    ROBO_TRUSTED_DOCUMENTS: join(dist, "trusted-documents.json"),
    ROBO_HOST: "127.0.0.1",
    ROBO_PORT: String(port),
    ROBO_NOTIFICATIONS_FEED_SECONDS: "0.5",
    ROBO_LOG_LEVEL: "WARNING",
  };
  const artifacts = process.env.E2E_ARTIFACTS ?? resolve(here, "..", "artifacts");
  const base = { robo: roboBinary(), env, dir };
  robo(base, "migrate");
  robo(base, "clock", "set", seedAt);
  robo(base, "seed-demo");
  const child = spawn(base.robo, ["serve"], {
    env: { ...process.env, ...env },
    cwd: dir,
    stdio: "ignore",
    detached: true,
  });
  child.unref();
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const response = await fetch(`${baseURL}/healthz`);
      if (response.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error("robo serve did not answer /healthz within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  const state: ServerState = { dir, port, baseURL, pid: child.pid!, env, robo: base.robo, artifacts };
  writeFileSync(STATE_FILE, JSON.stringify(state));
  return state;
}
