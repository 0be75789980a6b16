import { describe, expect, it } from "vitest";
import { STRINGS } from "./i18n";

describe("UI strings", () => {
  it("have both languages, with the same placeholders", () => {
    for (const [key, [zh, en]] of Object.entries(STRINGS)) {
      expect(zh, key).toBeTruthy();
      expect(en, key).toBeTruthy();
      const names = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
      expect(names(zh), key).toEqual(names(en));
    }
  });
});
