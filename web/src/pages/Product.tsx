// A product: figures, a NAV / income chart (lazy), and buying with the risk acknowledgement
// (where the suitability rules ask for one) and the payment-password sheet.
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { useQuery } from "urql";
import { ProductDocument, ProductSeriesDocument, SubscribeDocument } from "../api/customer";
import { Dialog, Field, FormErrors, Loading, PaymentPasswordSheet } from "../components/ui";
import { formatMoney, formatPercent } from "../lib/money";
import { useMoneyAction } from "../lib/useMutationForm";
import { SuitabilityBadge } from "./Catalogue";
import { HoldingCard } from "./Holding";

const LineSeries = lazy(() => import("../components/Chart"));

export function ProductPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [{ data }] = useQuery({ query: ProductDocument, variables: { id } });
  const product = data?.product;
  const isMoneyFund = product?.kind === "MONEY_FUND";
  const [moneyMetric, setMoneyMetric] = useState<"SEVEN_DAY_YIELD" | "INCOME_PER_10K">("SEVEN_DAY_YIELD");
  const [{ data: series }] = useQuery({
    query: ProductSeriesDocument,
    variables: { id, metric: isMoneyFund ? moneyMetric : "NAV", from: null },
    pause: !product,
  });
  const [amount, setAmount] = useState("");
  const [ackOpen, setAckOpen] = useState(false);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [placed, setPlaced] = useState<string | null>(null);
  const buy = useMoneyAction(SubscribeDocument, (d) => d.subscribe, ["amount", "productId", "acknowledgedWarningId"]);
  if (!product) return <Loading />;
  const suitability = product.viewerSuitability;
  const figures = product.figures;

  function startBuy(event: React.FormEvent) {
    event.preventDefault();
    setPlaced(null);
    if (suitability?.decision === "NEEDS_ACKNOWLEDGEMENT" && !acknowledged) setAckOpen(true);
    else setSheetOpen(true);
  }

  async function pay(paymentPassword: string) {
    const done = await buy.submit({
      productId: product!.id,
      amount,
      paymentPassword,
      acknowledgedWarningId: acknowledged,
    });
    if (done?.subscribe.order) {
      setSheetOpen(false);
      setPlaced(done.subscribe.order.tradeDate);
    }
  }

  return (
    <main id="main">
      <h1>{product.name}</h1>
      <p>
        <small>{product.code}</small> · {t(`kind_${product.kind}`)} · <span className="badge">{t("risk", { level: product.riskLevel })}</span>{" "}
        <SuitabilityBadge decision={suitability?.decision} />
      </p>
      {suitability && suitability.decision !== "ALLOWED" && <p className="note">{suitability.reason}</p>}
      {figures && (
        <p className="card">
          {t("expectedReturn", { value: formatPercent(figures.expectedAnnualReturn) })};{" "}
          {t("badYear", { value: formatMoney(figures.badYearLoss.amount) })}
        </p>
      )}
      {isMoneyFund ? (
        <p>{t("sevenDayYield")} {formatPercent(product.sevenDayAnnualizedYield)}</p>
      ) : (
        product.latestNav && <p>{t("latestNav", { nav: product.latestNav, date: product.latestNavDate })}</p>
      )}
      {isMoneyFund && (
        <div className="row" role="group" aria-label={t("chartMetric")}>
          {(["SEVEN_DAY_YIELD", "INCOME_PER_10K"] as const).map((metric) => (
            <button key={metric} type="button" className={moneyMetric === metric ? "chip on" : "chip"} aria-pressed={moneyMetric === metric} onClick={() => setMoneyMetric(metric)}>
              {metric === "SEVEN_DAY_YIELD" ? t("chartYield") : t("chartIncome")}
            </button>
          ))}
        </div>
      )}
      <Suspense fallback={<Loading />}>
        {series?.product?.series && (
          <LineSeries
            points={series.product.series}
            label={isMoneyFund ? (moneyMetric === "SEVEN_DAY_YIELD" ? t("chartYield") : t("chartIncome")) : t("chartNav")}
          />
        )}
      </Suspense>
      <HoldingCard product={product} />
      {suitability?.decision !== "FORBIDDEN" && (
        <form className="card" onSubmit={startBuy}>
          <h2>{t("buy")}</h2>
          <Field name="amount" label={t("amount")} value={amount} onChange={setAmount} inputMode="decimal" errors={buy.errors ?? undefined} />
          <p><small>{t("minimum", { value: formatMoney(product.minimumAmount) })}</small></p>
          <FormErrors errors={sheetOpen ? null : buy.errors} />
          <button type="submit">{t("buy")}</button>
          {placed && <p role="status">{t("orderPlaced", { date: placed })}</p>}
        </form>
      )}
      <Dialog title={t("acknowledgeTitle")} open={ackOpen} onClose={() => setAckOpen(false)}>
        <p>{suitability?.warning?.text}</p>
        <div className="row">
          <button className="secondary" onClick={() => setAckOpen(false)}>{t("cancel")}</button>
          <button
            onClick={() => {
              setAcknowledged(suitability?.warning?.id ?? null);
              setAckOpen(false);
              setSheetOpen(true);
            }}
          >
            {t("acknowledge")}
          </button>
        </div>
      </Dialog>
      <PaymentPasswordSheet open={sheetOpen} busy={buy.busy} errors={buy.errors} onCancel={() => setSheetOpen(false)} onSubmit={pay} />
    </main>
  );
}
