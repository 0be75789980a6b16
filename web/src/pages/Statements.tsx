// Monthly statements (对账单) and their CSV download (an authenticated GET, so it goes through
// the same token refresh as everything else). The month shown first is the platform's (its clock
// can be set, and statements follow it), not the device's.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { PlatformDateDocument, StatementDocument } from "../api/customer";
import { Loading, Money } from "../components/ui";
import { apiBase, authFetch } from "../lib/client";

/** The device's month (local time): only when the server cannot say the platform's date. */
function deviceMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

/** The month a statements page opens on: the platform date's, else (no answer) the device's. */
export function defaultMonth(platformDate: string | null | undefined, failed: boolean): string | null {
  if (platformDate) return platformDate.slice(0, 7);
  return failed ? deviceMonth() : null;
}

export function StatementsPage() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: PlatformDateDocument, requestPolicy: "network-only" });
  const month = defaultMonth(data?.platformDate, Boolean(error));
  if (!month) {
    return (
      <main id="main">
        <h1>{t("statements")}</h1>
        <Loading />
      </main>
    );
  }
  return <Statements initialMonth={month} />;
}

function Statements({ initialMonth }: { initialMonth: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(initialMonth);
  const [shown, setShown] = useState(initialMonth);
  const [{ data, error }] = useQuery({ query: StatementDocument, variables: { month: shown } });
  const statement = data?.me?.statement;

  async function download() {
    if (!statement) return;
    const response = await authFetch(apiBase + statement.csvPath);
    if (!response.ok) return;
    const blob = await response.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `statement-${statement.month}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return (
    <main id="main">
      <h1>{t("statements")}</h1>
      <form
        className="card row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(month);
        }}
      >
        <div className="field">
          <label htmlFor="month">{t("month")}</label>
          <input id="month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </div>
        <button type="submit">{t("show")}</button>
      </form>
      {error && <p role="alert">{error.graphQLErrors[0]?.message ?? error.message}</p>}
      {!statement && !error && <Loading />}
      {statement && (
        <section className="card">
          <dl className="figures">
            <div><dt>{t("opening")}</dt><dd><Money value={statement.opening[0]?.total} /></dd></div>
            <div><dt>{t("closing")}</dt><dd><Money value={statement.closing[0]?.total} /></dd></div>
            <div><dt>{t("incomeTotal")}</dt><dd><Money value={statement.incomeTotal} /></dd></div>
            <div><dt>{t("feesTotal")}</dt><dd><Money value={statement.feesTotal} /></dd></div>
          </dl>
          <button onClick={download} data-testid="download-csv">{t("downloadCsv")}</button>
          <ul className="list">
            {statement.lines.map((line, index) => (
              <li key={index}>
                <span>{line.date} {line.description}</span>
                <span><Money value={line.amount} /></span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
