import { describe, expect, it } from "vitest";
import { STRINGS } from "../i18n";
import { KINDS } from "./History";

describe("the history's kind filter", () => {
  it("lists every transaction kind once, each named in both languages", () => {
    expect(new Set(KINDS).size).toBe(KINDS.length);
    expect(KINDS).toHaveLength(22); // TransactionKind in schema.graphql (the Record makes tsc check each)
    expect(KINDS[0]).toBe("DEPOSIT");
    for (const kind of KINDS) expect(STRINGS[`tx_${kind}`], kind).toBeDefined();
  });
});
