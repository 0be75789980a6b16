import { describe, expect, it, vi } from "vitest";
import { deviceId, singleFlight } from "./auth";

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

describe("the device id", () => {
  it("is made once, kept, and replaced when what is stored is not a valid id", () => {
    localStorage.removeItem("robo.deviceId");
    const first = deviceId();
    expect(first).toMatch(/^[0-9a-f]{48}$/);
    expect(deviceId()).toBe(first);
    localStorage.setItem("robo.deviceId", "short");
    const replaced = deviceId();
    expect(replaced).not.toBe("short");
    expect(replaced).toMatch(/^[0-9a-f]{48}$/);
  });
});
