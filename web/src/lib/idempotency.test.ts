import { describe, expect, it } from "vitest";
import { AttemptKeys, runAttempt } from "./idempotency";

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

describe("idempotency keys: one per user attempt, the same on retry", () => {
  it("reuses the open attempt's key for the same input", () => {
    const keys = new AttemptKeys(counter());
    expect(keys.keyFor({ amount: "100" })).toBe("key-1");
    expect(keys.keyFor({ amount: "100" })).toBe("key-1"); // a retry
    keys.finish(); // the server answered
    expect(keys.keyFor({ amount: "100" })).toBe("key-2"); // a new attempt, same figures
  });
  it("starts a new attempt when the user changes the input", () => {
    const keys = new AttemptKeys(counter());
    expect(keys.keyFor({ amount: "100" })).toBe("key-1");
    expect(keys.keyFor({ amount: "200" })).toBe("key-2");
  });
  it("retries a network failure with the same key and keeps the attempt open after giving up", async () => {
    const keys = new AttemptKeys(counter());
    const sent: string[] = [];
    const failing = async (key: string) => {
      sent.push(key);
      return { networkError: new Error("offline") };
    };
    await runAttempt(keys, { amount: "1" }, failing, 2);
    expect(sent).toEqual(["key-1", "key-1", "key-1"]);
    expect(keys.pending).toBe("key-1");
    // the user presses the button again: still the same key, and success closes the attempt
    await runAttempt(keys, { amount: "1" }, async (key) => {
      sent.push(key);
      return { data: "ok" };
    });
    expect(sent[sent.length - 1]).toBe("key-1");
    expect(keys.pending).toBeNull();
  });
});
