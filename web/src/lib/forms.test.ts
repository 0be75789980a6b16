import { describe, expect, it } from "vitest";
import { fieldKey, hasErrors, toFieldErrors } from "./forms";

describe("userErrors become per-field messages, all at once", () => {
  it("puts each error beside its field and the rest above the form", () => {
    const errors = toFieldErrors(
      [
        { field: "input.email", message: "bad email", code: "INVALID_EMAIL" },
        { field: "password", message: "too weak", code: "WEAK_PASSWORD" },
        { field: "input.password", message: "too short", code: "WEAK_PASSWORD" },
        { field: "locale", message: "bad locale", code: "INVALID_LOCALE" },
        { field: null, message: "try later", code: "RATE_LIMITED" },
      ],
      ["email", "password"],
    );
    expect(errors.fields).toEqual({ email: ["bad email"], password: ["too weak", "too short"] });
    expect(errors.general).toEqual(["bad locale", "try later"]);
    expect(hasErrors(errors)).toBe(true);
  });
  it("reads nested paths by their first segment", () => {
    expect(fieldKey("input.answers.0.value")).toBe("answers");
    expect(fieldKey(null)).toBeNull();
  });
  it("has nothing for no errors", () => {
    expect(hasErrors(toFieldErrors([], ["email"]))).toBe(false);
  });
});
