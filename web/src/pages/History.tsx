// Wallet history with filters (kind, date range): what each line was about, its fee and the
// balance after it.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { TransactionsDocument } from "../api/customer";
import { Loading, Money } from "../components/ui";
import type { TransactionKind } from "../gql/graphql";
import { formatMoney } from "../lib/money";

// Every TransactionKind of the API (a Record, so that a kind added to the schema fails the
// type check until it has its place here), in the order the filter lists them.
const KIND_ORDER: Record<TransactionKind, number> = {
  DEPOSIT: 0, WITHDRAWAL: 1, PAYMENT_SENT: 2, PAYMENT_RECEIVED: 3, ESCROW_HOLD: 4, ESCROW_RELEASE: 5, ESCROW_REFUND: 6,
  SUBSCRIPTION: 7, SUBSCRIPTION_REFUND: 8, REDEMPTION: 9, SWITCH: 10, INCOME: 11, NEGATIVE_INCOME: 12, DIVIDEND: 13,
  PRICE_CORRECTION: 14, COUPON: 15, PRINCIPAL: 16, WRITE_DOWN: 17, GUARANTOR_PAYMENT: 18, LOAN_DRAWDOWN: 19,
  LOAN_REPAYMENT: 20, FEE: 21,
};
export const KINDS = (Object.keys(KIND_ORDER) as TransactionKind[]).sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);

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
              <option key={k} value={k}>{t(`tx_${k}`)}</option>
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
