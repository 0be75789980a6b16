import { rmSync } from "node:fs";
import { readState } from "./server";

export default async function globalTeardown() {
  const state = readState();
  try {
    process.kill(-state.pid, "SIGTERM"); // the server's process group (uvicorn and its children)
  } catch {
    try {
      process.kill(state.pid, "SIGTERM");
    } catch {
      /* gone */
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  rmSync(state.dir, { recursive: true, force: true });
}
