// "Plan for me": amount, horizon, goal -> the recommendation in plain figures, its allocation
// chart (lazy) and explanation, and investing in it with the payment password.
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { InvestInPlanDocument, RequestRecommendationDocument } from "../api/customer";
import { Field, FormErrors, Loading, Money, PaymentPasswordSheet } from "../components/ui";
import { formatMoney, formatPercent, groupDecimal } from "../lib/money";
import { useMoneyAction, useMutationForm } from "../lib/useMutationForm";

const AllocationPie = lazy(() => import("../components/Chart").then((m) => ({ default: m.AllocationPie })));

export function PlanPage() {
  const { t } = useTranslation();
  const [amount, setAmount] = useState("10000");
  const [horizonMonths, setHorizon] = useState("");
  const [goalAmount, setGoal] = useState("");
  const [liquidityNeed, setLiquidityNeed] = useState("");
  const ask = useMutationForm(RequestRecommendationDocument, (d) => d.requestRecommendation, ["amount", "horizonMonths", "goalAmount", "liquidityNeed"]);
  const invest = useMoneyAction(InvestInPlanDocument, (d) => d.investInPlan, ["recommendationId", "paymentPassword"]);
  type Plan = NonNullable<NonNullable<Awaited<ReturnType<typeof ask.submit>>>["requestRecommendation"]["recommendation"]>;
  const [plan, setPlan] = useState<Plan | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [invested, setInvested] = useState(false);

  return (
    <main id="main">
      <h1>{t("planTitle")}</h1>
      <form
        className="card"
        onSubmit={async (e) => {
          e.preventDefault();
          setInvested(false);
          const data = await ask.submit({
            input: {
              amount,
              horizonMonths: horizonMonths ? Number.parseInt(horizonMonths, 10) : null,
              goalAmount: goalAmount || null,
              liquidityNeed: liquidityNeed || null,
            },
          });
          setPlan(data?.requestRecommendation.recommendation ?? null);
        }}
      >
        <Field name="amount" label={t("amount")} value={amount} onChange={setAmount} inputMode="decimal" errors={ask.errors ?? undefined} />
        <Field name="horizonMonths" label={t("horizonMonths")} value={horizonMonths} onChange={setHorizon} inputMode="numeric" errors={ask.errors ?? undefined} />
        <Field name="goalAmount" label={t("goalAmount")} value={goalAmount} onChange={setGoal} inputMode="decimal" errors={ask.errors ?? undefined} />
        <Field name="liquidityNeed" label={t("liquidityNeed")} value={liquidityNeed} onChange={setLiquidityNeed} inputMode="decimal" errors={ask.errors ?? undefined} />
        <FormErrors errors={ask.errors} />
        <button type="submit" disabled={ask.busy}>{t("getPlan")}</button>
      </form>
      {plan && (
        <section className="card" aria-labelledby="plan-summary">
          <h2 id="plan-summary" data-testid="plan-summary">
            {t("planSummary", {
              ret: formatPercent(plan.expectedAnnualReturn, 1),
              loss: formatMoney(plan.badYearLoss.amount),
              sameDay: formatMoney(plan.sameDayAvailable),
            })}
          </h2>
          <Suspense fallback={<Loading />}>
            <AllocationPie label={t("allocation")} slices={plan.allocations.map((a) => ({ name: a.product.name, percent: a.percent }))} />
          </Suspense>
          <ul className="list">
            {plan.allocations.map((a) => (
              <li key={a.product.id}>
                <span>{a.product.name}</span>
                <span>{groupDecimal(a.percent, 1)}%</span>
                <span><Money value={a.amount} /></span>
              </li>
            ))}
          </ul>
          <p>{plan.explanation}</p>
          {plan.relaxations.map((r) => (
            <p className="note" key={r.code}>{r.message}</p>
          ))}
          <FormErrors errors={sheetOpen ? null : invest.errors} />
          {invested ? (
            <p role="status" data-testid="invested">{t("invested")}</p>
          ) : (
            <button onClick={() => setSheetOpen(true)}>{t("invest")}</button>
          )}
        </section>
      )}
      <PaymentPasswordSheet
        open={sheetOpen}
        busy={invest.busy}
        errors={invest.errors}
        onCancel={() => setSheetOpen(false)}
        onSubmit={async (paymentPassword) => {
          if (!plan) return;
          const done = await invest.submit({ recommendationId: plan.id, paymentPassword });
          if (done?.investInPlan.recommendation) {
            setSheetOpen(false);
            setInvested(true);
          }
        }}
      />
    </main>
  );
}
