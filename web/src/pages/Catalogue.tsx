// The catalogue: plain figures, risk level and the viewer's suitability badge.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { CatalogueDocument } from "../api/customer";
import { Loading, Money } from "../components/ui";
import type { ProductKind } from "../gql/graphql";
import { formatMoney, formatPercent } from "../lib/money";

const KINDS: ProductKind[] = ["MONEY_FUND", "EQUITY_FUND", "ABS_UNIT", "P2P_LOAN"];

export function SuitabilityBadge({ decision }: { decision?: string | null }) {
  const { t } = useTranslation();
  if (!decision) return null;
  return <span className={`badge suit-${decision}`}>{t(`suit_${decision}`)}</span>;
}

export function CataloguePage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ProductKind | null>(null);
  const [search, setSearch] = useState("");
  const [{ data }] = useQuery({ query: CatalogueDocument, variables: { kind, search: search || null } });
  return (
    <main id="main">
      <h1>{t("catalogue")}</h1>
      <div className="row wrap" role="group" aria-label={t("filterKind")}>
        <button className={kind === null ? "chip on" : "chip"} aria-pressed={kind === null} onClick={() => setKind(null)}>
          {t("allKinds")}
        </button>
        {KINDS.map((k) => (
          <button key={k} className={kind === k ? "chip on" : "chip"} aria-pressed={kind === k} onClick={() => setKind(k)}>
            {t(`kind_${k}`)}
          </button>
        ))}
      </div>
      <div className="field">
        <label htmlFor="search">{t("search")}</label>
        <input id="search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {!data && <Loading />}
      <ul className="products">
        {data?.products.nodes.map((p) => (
          <li key={p.id} className="card">
            <Link to={`/products/${encodeURIComponent(p.id)}`} className="product-link">
              <strong>{p.name}</strong> <small>{p.code}</small>
            </Link>
            <div className="row wrap">
              <span className="badge">{t("risk", { level: p.riskLevel })}</span>
              <SuitabilityBadge decision={p.viewerSuitability?.decision} />
            </div>
            {p.figures && (
              <p>
                {t("expectedReturn", { value: formatPercent(p.figures.expectedAnnualReturn) })};{" "}
                {t("badYear", { value: formatMoney(p.figures.badYearLoss.amount) })}
              </p>
            )}
            <p>
              <small>
                {t("minimum", { value: "" })}
                <Money value={p.minimumAmount} />
              </small>
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
