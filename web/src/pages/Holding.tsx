// The viewer's holding of a product, on its page: units and value, selling (normal redemption;
// money funds by amount) and switching (转换) into another fund of the same manager and
// registrar, each behind the payment-password sheet.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { ProductHoldingDocument, RedeemDocument, SwitchFundDocument } from "../api/customer";
import { Field, FormErrors, Money, PaymentPasswordSheet } from "../components/ui";
import { useMoneyAction } from "../lib/useMutationForm";

type Product = { id: string; kind: string; issuer: string; registrar?: string | null; switchable: boolean };

export function HoldingCard({ product }: { product: Product }) {
  const { t } = useTranslation();
  const [{ data }, refetch] = useQuery({ query: ProductHoldingDocument, requestPolicy: "cache-and-network" });
  const [action, setAction] = useState<"sell" | "switch" | null>(null);
  const [quantity, setQuantity] = useState("");
  const [target, setTarget] = useState("");
  const [placed, setPlaced] = useState<string | null>(null);
  const sell = useMoneyAction(RedeemDocument, (d) => d.redeem, ["units", "amount", "productId"]);
  const change = useMoneyAction(SwitchFundDocument, (d) => d.switchFund, ["units", "amount", "toProductId", "fromProductId"]);
  const holding = data?.me?.portfolio?.holdings.find((h) => h.product.id === product.id);
  if (!holding || Number(holding.units) <= 0) return null;
  const byAmount = product.kind === "MONEY_FUND";
  const targets = product.switchable
    ? (data?.products.nodes ?? []).filter(
        (p) =>
          p.id !== product.id && p.switchable && p.status === "ON_SALE" && p.issuer === product.issuer && p.registrar === product.registrar,
      )
    : [];
  const busy = action === "switch" ? change.busy : sell.busy;
  const errors = action === "switch" ? change.errors : sell.errors;
  const size = byAmount ? { amount: quantity } : { units: quantity };

  async function confirm(paymentPassword: string) {
    if (action === "switch") {
      const done = await change.submit({ fromProductId: product.id, toProductId: target, paymentPassword, ...size });
      if (done?.switchFund.order) finish(done.switchFund.order.tradeDate);
    } else {
      const done = await sell.submit({ productId: product.id, paymentPassword, ...size });
      if (done?.redeem.order) finish(done.redeem.order.tradeDate);
    }
  }

  function finish(tradeDate: string) {
    setAction(null);
    setQuantity("");
    setPlaced(tradeDate);
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <section className="card" aria-labelledby="holding-label" data-testid="holding">
      <h2 id="holding-label">{t("yourHolding")}</h2>
      <p>
        {t("unitsHeld", { units: holding.units })} · <Money value={holding.value} />
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setPlaced(null);
          setAction(targets.length > 0 && target ? "switch" : "sell");
        }}
      >
        <Field
          name={byAmount ? "amount" : "units"}
          label={byAmount ? t("amount") : t("units")}
          value={quantity}
          onChange={setQuantity}
          inputMode="decimal"
          errors={errors ?? undefined}
        />
        {targets.length > 0 && (
          <label>
            {t("switchInto")}
            <select name="toProductId" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t("sellForCash")}</option>
              {targets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <FormErrors errors={action ? null : errors} />
        <button type="submit">{target ? t("switchFund") : t("sell")}</button>
        {placed && <p role="status">{t("orderPlaced", { date: placed })}</p>}
      </form>
      <PaymentPasswordSheet open={action !== null} busy={busy} errors={errors} onCancel={() => setAction(null)} onSubmit={confirm} />
    </section>
  );
}
