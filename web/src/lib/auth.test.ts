import { describe, expect, it, vi } from "vitest";
import { singleFlight } from "./auth";

describe("token refresh is single-flight", () => {
  it("makes one refresh for many concurrent callers and shares its answer", async () => {
    let release: (value: boolean) => void = () => {};
    const refresh = vi.fn(() => new Promise<boolean>((resolve) => (release = resolve)));
    const once = singleFlight(refresh);
    const waiting = [once(), once(), once()];
    expect(refresh).toHaveBeenCalledTimes(1);
    release(true);
    expect(await Promise.all(waiting)).toEqual([true, true, true]);
    // a later expiry refreshes again
    const again = once();
    expect(refresh).toHaveBeenCalledTimes(2);
    release(false);
    expect(await again).toBe(false);
  });
  it("lets the next caller try again after a failure", async () => {
    const refresh = vi.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValueOnce(true);
    const once = singleFlight(refresh);
    await expect(once()).rejects.toThrow("offline");
    await expect(once()).resolves.toBe(true);
  });
});
