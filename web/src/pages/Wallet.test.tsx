import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Provider, type Client, type Operation } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { WalletPage } from "./Wallet";

vi.mock("../session", () => ({ useSession: () => ({ viewer: { id: "u1", wallet: { bankCards: [] } } }) }));

afterEach(cleanup);

describe("the wallet's payments", () => {
  it("filter by status", async () => {
    const money = (amount: string) => ({ amount, currency: "CNY" });
    const executeQuery = vi.fn((operation: Operation) => {
      const name = (operation.query.definitions[0] as { name?: { value: string } }).name?.value;
      if (name === "WalletAmounts") return fromValue({ operation, data: { me: { id: "u1", wallet: { available: money("1.00"), held: money("0.00"), balance: money("1.00") } } }, stale: false, hasNext: false });
      return never;
    });
    const client = { executeQuery, executeMutation: vi.fn(() => never), executeSubscription: vi.fn(() => never) } as unknown as Client;
    void i18n.changeLanguage("en");
    render(
      <Provider value={client}>
        <WalletPage />
      </Provider>,
    );
    fireEvent.change(await screen.findByLabelText("Status"), { target: { value: "DISPUTED" } });
    const statuses = () => executeQuery.mock.calls.map(([op]) => op.variables as { status?: string | null }).filter((v) => "status" in v).map((v) => v.status);
    await waitFor(() => expect(statuses()).toContain("DISPUTED"));
    expect(statuses()[0]).toBeNull();
  });
});
