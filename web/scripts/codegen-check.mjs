// Fails when the committed generated types (src/gql) differ from what ../schema.graphql and
// the documents in src/ generate now: run `npm run codegen` and commit the result.
import { execSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "codegen-"));
try {
  execSync("npx graphql-codegen --config codegen.ts", {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CODEGEN_OUT: dir + "/" },
  });
  const committed = "src/gql";
  const names = new Set([...readdirSync(dir), ...readdirSync(committed)]);
  const drift = [];
  for (const name of names) {
    let a = null;
    let b = null;
    try { a = readFileSync(join(dir, name), "utf8"); } catch { /* missing */ }
    try { b = readFileSync(join(committed, name), "utf8"); } catch { /* missing */ }
    if (a !== b) drift.push(name);
  }
  if (drift.length) {
    console.error(`Generated GraphQL types are out of date (${drift.join(", ")}): run \`npm run codegen\` and commit src/gql.`);
    process.exit(1);
  }
  console.log("Generated GraphQL types match schema.graphql and the documents.");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
