// Wallet history with filters (kind, date range): what each line was about, its fee and the
// balance after it.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { TransactionsDocument } from "../api/customer";
import { Loading, Money } from "../components/ui";
import type { TransactionKind } from "../gql/graphql";
import { formatMoney } from "../lib/money";

const KINDS: TransactionKind[] = ["DEPOSIT", "WITHDRAWAL", "PAYMENT_SENT", "PAYMENT_RECEIVED", "ESCROW_HOLD", "ESCROW_RELEASE", "ESCROW_REFUND", "SUBSCRIPTION", "REDEMPTION", "INCOME", "COUPON", "PRINCIPAL", "WRITE_DOWN", "GUARANTOR_PAYMENT", "FEE"];

export function HistoryPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [filters, setFilters] = useState<{ kinds: TransactionKind[] | null; from: string | null; to: string | null }>({ kinds: null, from: null, to: null });
  const [after, setAfter] = useState<string | null>(null);
  const [{ data }] = useQuery({ query: TransactionsDocument, variables: { ...filters, after } });
  const connection = data?.me?.wallet?.transactions;
  return (
    <main id="main">
      <h1>{t("history")}</h1>
      <form
        className="card row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          setAfter(null);
          setFilters({ kinds: kind ? [kind as TransactionKind] : null, from: from || null, to: to || null });
        }}
      >
        <div className="field">
          <label htmlFor="kind">{t("filterKind")}</label>
          <select id="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t("allKinds")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">{t("from")}</label>
          <input id="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("to")}</label>
          <input id="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <button type="submit">{t("apply")}</button>
      </form>
      {!connection && <Loading />}
      {connection?.nodes.length === 0 && <p>{t("noTransactions")}</p>}
      <ul className="list" data-testid="transactions">
        {connection?.nodes.map((line) => (
          <li key={line.id}>
            <span>
              {line.description}
              {line.counterparty && <small> · {line.counterparty}</small>}
            </span>
            <span className={line.incoming ? "in" : "out"}>
              {line.incoming ? "+" : "-"}
              <Money value={line.amount} />
            </span>
            <small>
              {line.createdAt.slice(0, 10)} {line.fee && t("fee", { value: formatMoney(line.fee) })}{" "}
              {line.balanceAfter && t("balanceAfter", { value: formatMoney(line.balanceAfter) })}
            </small>
          </li>
        ))}
      </ul>
      {connection?.pageInfo.hasNextPage && (
        <button className="secondary" onClick={() => setAfter(connection.pageInfo.endCursor ?? null)}>
          {t("loadMore")}
        </button>
      )}
    </main>
  );
}
