// Home: total assets, yesterday's income, the money fund with its 7-day yield, holdings, pending
// orders (cancel before the cut-off) and the unread count, refetched whenever a wallet or
// portfolio event arrives over the subscriptions.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation, useQuery, useSubscription } from "urql";
import { CancelOrderDocument, HomeDocument, PortfolioEventsDocument, WalletEventsDocument } from "../api/customer";
import { Loading, Money } from "../components/ui";
import { formatPercent } from "../lib/money";

export function useLiveRefetch(refetch: () => void) {
  const [wallet] = useSubscription({ query: WalletEventsDocument, variables: { after: null } });
  const [portfolio] = useSubscription({ query: PortfolioEventsDocument, variables: { after: null } });
  const walletId = wallet.data?.walletEvents.id;
  const portfolioId = portfolio.data?.portfolioEvents.id;
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    if (walletId || portfolioId) latest.current();
  }, [walletId, portfolioId]);
  // a safety net under the subscriptions (an event sent while the socket reconnected after a
  // token refresh): refetch every 20 s while the screen is visible
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") latest.current();
    }, 20_000);
    return () => window.clearInterval(timer);
  }, []);
  return !wallet.error && !portfolio.error;
}

export function HomePage() {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: HomeDocument });
  const [cancelling, cancel] = useMutation(CancelOrderDocument);
  const [cancelMessage, setCancelMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const live = useLiveRefetch(() => refetch({ requestPolicy: "network-only" }));
  if (error && !data) return <p role="alert">{error.message}</p>;
  const me = data?.me;
  const portfolio = me?.portfolio;
  if (!me || !portfolio) return <Loading />;
  // the 7-day yield of the money fund the customer holds (the first listed), else the catalogue's first
  const held = portfolio.holdings.filter((h) => h.product.kind === "MONEY_FUND").map((h) => h.product);
  const fund = held[0] ?? data?.moneyFunds.nodes[0];
  return (
    <main id="main">
      <section className="hero card" aria-labelledby="total-label">
        <h1 id="total-label">{t("totalAssets")}</h1>
        <p className="big" data-testid="total-assets"><Money value={portfolio.totalValue} /></p>
        <dl className="figures">
          <div>
            <dt>{t("yesterdayIncome")}</dt>
            <dd data-testid="yesterday-income"><Money value={portfolio.yesterdayIncome} signed /></dd>
          </div>
          <div>
            <dt>{t("cumulativeIncome")}</dt>
            <dd><Money value={portfolio.cumulativeIncome} signed /></dd>
          </div>
          <div>
            <dt>{t("cash")}</dt>
            <dd data-testid="cash"><Money value={portfolio.cash} /></dd>
          </div>
          <div>
            <dt>{t("inTransit")}</dt>
            <dd><Money value={portfolio.inTransit} /></dd>
          </div>
        </dl>
        {live && <span className="live-dot">{t("live")}</span>}
      </section>
      <section className="card" aria-labelledby="mf-label">
        <h2 id="mf-label">{t("moneyFund")}</h2>
        <p data-testid="money-fund-balance"><Money value={portfolio.moneyFundBalance} /></p>
        <p>
          {t("sevenDayYield")} <span data-testid="seven-day-yield">{formatPercent(fund?.sevenDayAnnualizedYield)}</span>
          {fund && <small> · {fund.name}</small>}
        </p>
      </section>
      <section className="card" aria-labelledby="notif-label">
        <h2 id="notif-label">
          <Link to="/notifications">{t("notifications")}</Link>{" "}
          <span className="badge" data-testid="unread-count">{t("unread", { count: me.unreadNotificationCount })}</span>
        </h2>
      </section>
      <section className="card" aria-labelledby="holdings-label">
        <h2 id="holdings-label">{t("holdings")}</h2>
        {portfolio.holdings.length === 0 && <p>{t("noHoldings")}</p>}
        <ul className="list" data-testid="holdings">
          {portfolio.holdings.map((h) => (
            <li key={h.product.id}>
              <Link to={`/products/${encodeURIComponent(h.product.id)}`}>{h.product.name}</Link>
              <span><Money value={h.value} /></span>
              <small>
                {t("yesterdayIncome")} <Money value={h.yesterdayIncome} signed />
              </small>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="orders-label">
        <h2 id="orders-label">{t("pendingOrders")}</h2>
        {portfolio.pendingOrders.length === 0 && <p>{t("noPendingOrders")}</p>}
        {cancelMessage && (
          <p role={cancelMessage.ok ? "status" : "alert"} className={cancelMessage.ok ? "note" : "form-error"} data-testid="cancel-message">
            {cancelMessage.text}
          </p>
        )}
        <ul className="list" data-testid="pending-orders">
          {portfolio.pendingOrders.map((order) => (
            <li key={order.id}>
              <span>{order.product.name}</span>
              <span><Money value={order.amount} /></span>
              <small>{t("tradeDate", { date: order.tradeDate })}</small>
              {order.cancellableUntil && (
                <>
                  <small>{t("cancelBy", { at: order.cancellableUntil.slice(0, 16).replace("T", " ") })}</small>
                  <button
                    className="secondary small"
                    disabled={cancelling.fetching}
                    onClick={async () => {
                      setCancelMessage(null);
                      const result = await cancel({ input: { orderId: order.id } });
                      const refused = result.data?.cancelOrder.userErrors ?? [];
                      if (result.error || !result.data) setCancelMessage({ ok: false, text: result.error?.graphQLErrors[0]?.message ?? t("networkError") });
                      else if (refused.length) setCancelMessage({ ok: false, text: refused.map((e) => e.message).join(" ") });
                      else setCancelMessage({ ok: true, text: t("orderCancelled", { name: order.product.name }) });
                      refetch({ requestPolicy: "network-only" });
                    }}
                  >
                    {t("cancelOrder")}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
