import { describe, expect, it } from "vitest";
import { askedByViewer } from "./fourEyes";

describe("four eyes: who asked", () => {
  const viewer = { id: "VXNlcjox", email: "pm1@example.com", displayName: "PM One" };
  it("compares the requester's id when the API gives one", () => {
    expect(askedByViewer({ requestedById: "VXNlcjox", requestedBy: "someone@else" }, viewer)).toBe(true);
    expect(askedByViewer({ requestedById: "VXNlcjoy", requestedBy: "pm1@example.com" }, viewer)).toBe(false);
  });
  it("else the requester's email (not the display name)", () => {
    expect(askedByViewer({ requestedBy: "PM1@example.com" }, viewer)).toBe(true);
    expect(askedByViewer({ requestedBy: "PM One" }, viewer)).toBe(false);
    expect(askedByViewer({ requestedBy: "pm1@example.com" }, null)).toBe(false);
  });
});
