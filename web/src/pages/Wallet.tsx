// The wallet: deposit, withdraw, pay (direct or guarantee; the payee's masked name is shown and
// must be confirmed first), and the payments with their actions (confirm receipt, request a
// refund, withdraw the request, extend the hold; as payee: refund, decline).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useMutation, useQuery } from "urql";
import {
  ConfirmPaymentDocument,
  DeclineRefundDocument,
  DepositDocument,
  ExtendPaymentHoldDocument,
  PayDocument,
  PayeePreviewDocument,
  PaymentsDocument,
  RefundPaymentDocument,
  RequestRefundDocument,
  WalletAmountsDocument,
  WithdrawDocument,
  WithdrawRefundRequestDocument,
} from "../api/customer";
import { Field, FormErrors, Loading, Money, PaymentPasswordSheet } from "../components/ui";
import type { PaymentRole, PaymentStatus } from "../gql/graphql";

const PAYMENT_STATUSES: PaymentStatus[] = ["HELD", "REFUND_REQUESTED", "DISPUTED", "COMPLETED", "RELEASED", "REFUNDED"];
import { useMoneyAction } from "../lib/useMutationForm";
import { useSession } from "../session";
import { useLiveRefetch } from "./Home";

type Sheet = { kind: "withdraw" } | { kind: "pay" } | null;

export function WalletPage() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const gql = useClient();
  const [{ data }, refetchAmounts] = useQuery({ query: WalletAmountsDocument });
  const [role, setRole] = useState<PaymentRole>("SENT");
  const [paymentStatus, setPaymentStatus] = useState<PaymentStatus | "">("");
  const [{ data: payments }, refetchPayments] = useQuery({ query: PaymentsDocument, variables: { role, status: paymentStatus || null } });
  const refresh = () => {
    refetchAmounts({ requestPolicy: "network-only" });
    refetchPayments({ requestPolicy: "network-only" });
  };
  useLiveRefetch(refresh);
  const [depositAmount, setDepositAmount] = useState("");
  const [withdrawAmount, setWithdrawAmount] = useState("");
  const [payee, setPayee] = useState("");
  const [payeeName, setPayeeName] = useState<string | null>(null);
  const [payeeMissing, setPayeeMissing] = useState(false);
  const [payAmount, setPayAmount] = useState("");
  const [memo, setMemo] = useState("");
  const [guarantee, setGuarantee] = useState(true);
  const [sheet, setSheet] = useState<Sheet>(null);
  const [status, setStatus] = useState<string | null>(null);
  const deposit = useMoneyAction(DepositDocument, (d) => d.deposit, ["amount"]);
  const withdraw = useMoneyAction(WithdrawDocument, (d) => d.withdraw, ["amount", "paymentPassword"]);
  const pay = useMoneyAction(PayDocument, (d) => d.pay, ["amount", "payee", "memo", "paymentPassword"]);
  const [, confirmPayment] = useMutation(ConfirmPaymentDocument);
  const [, requestRefund] = useMutation(RequestRefundDocument);
  const [, withdrawRefund] = useMutation(WithdrawRefundRequestDocument);
  const [, extendHold] = useMutation(ExtendPaymentHoldDocument);
  const [, refundPayment] = useMutation(RefundPaymentDocument);
  const [, declineRefund] = useMutation(DeclineRefundDocument);
  const [actionError, setActionError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const wallet = data?.me?.wallet;
  if (!wallet) return <Loading />;

  async function act(run: () => Promise<{ data?: unknown; error?: unknown }>, pick: (data: never) => { userErrors: { message: string }[] }) {
    setActionError(null);
    const result = await run();
    const errors = result.data ? pick(result.data as never).userErrors : [];
    if (result.error || errors.length) setActionError(errors[0]?.message ?? t("networkError"));
    refresh();
  }

  async function checkPayee() {
    setPayeeName(null);
    setPayeeMissing(false);
    const result = await gql.query(PayeePreviewDocument, { payee }).toPromise();
    const name = result.data?.payeePreview?.maskedName;
    if (name) setPayeeName(name);
    else setPayeeMissing(true);
  }

  return (
    <main id="main">
      <h1>{t("wallet")}</h1>
      <section className="card">
        <dl className="figures">
          <div>
            <dt>{t("available")}</dt>
            <dd data-testid="available"><Money value={wallet.available} /></dd>
          </div>
          <div>
            <dt>{t("held")}</dt>
            <dd><Money value={wallet.held} /></dd>
          </div>
        </dl>
      </section>
      {status && <p role="status">{status}</p>}
      <form
        className="card"
        aria-labelledby="deposit-h"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await deposit.submit({ amount: depositAmount, bankCardId: viewer?.wallet?.bankCards[0]?.id ?? null })) {
            setStatus(t("depositDone"));
            setDepositAmount("");
            refresh();
          }
        }}
      >
        <h2 id="deposit-h">{t("deposit")}</h2>
        <Field name="amount" label={t("amount")} value={depositAmount} onChange={setDepositAmount} inputMode="decimal" errors={deposit.errors ?? undefined} />
        <FormErrors errors={deposit.errors} />
        <button type="submit" disabled={deposit.busy}>{t("deposit")}</button>
      </form>
      <form
        className="card"
        aria-labelledby="withdraw-h"
        onSubmit={(e) => {
          e.preventDefault();
          setSheet({ kind: "withdraw" });
        }}
      >
        <h2 id="withdraw-h">{t("withdraw")}</h2>
        <Field name="amount" label={t("amount")} value={withdrawAmount} onChange={setWithdrawAmount} inputMode="decimal" errors={withdraw.errors ?? undefined} />
        <button type="submit">{t("withdraw")}</button>
      </form>
      <form
        className="card"
        aria-labelledby="pay-h"
        onSubmit={(e) => {
          e.preventDefault();
          if (!payeeName) void checkPayee();
          else setSheet({ kind: "pay" });
        }}
      >
        <h2 id="pay-h">{t("pay")}</h2>
        <Field
          name="payee"
          label={t("payee")}
          type="email"
          value={payee}
          onChange={(v) => {
            setPayee(v);
            setPayeeName(null);
          }}
          errors={pay.errors ?? undefined}
        />
        {payeeName && <p className="payee" data-testid="payee-name">{t("payeeIs", { name: payeeName })}</p>}
        {payeeMissing && <p className="field-error">{t("payeeUnknown")}</p>}
        <Field name="payAmount" label={t("amount")} value={payAmount} onChange={setPayAmount} inputMode="decimal" errors={pay.errors ? { ...pay.errors, fields: { payAmount: pay.errors.fields.amount ?? [] } } : undefined} />
        <Field name="memo" label={t("memo")} value={memo} onChange={setMemo} errors={pay.errors ?? undefined} />
        <label className="option">
          <input type="checkbox" checked={guarantee} onChange={(e) => setGuarantee(e.target.checked)} /> {t("guarantee")}
        </label>
        <button type="submit">{payeeName ? t("pay") : t("checkPayee")}</button>
      </form>
      <section className="card" aria-labelledby="payments-h">
        <h2 id="payments-h">{t("payments")}</h2>
        <div className="row" role="group">
          <button className={role === "SENT" ? "chip on" : "chip"} aria-pressed={role === "SENT"} onClick={() => setRole("SENT")}>{t("sent")}</button>
          <button className={role === "RECEIVED" ? "chip on" : "chip"} aria-pressed={role === "RECEIVED"} onClick={() => setRole("RECEIVED")}>{t("received")}</button>
        </div>
        <div className="field">
          <label htmlFor="payment-status">{t("staffStatus")}</label>
          <select id="payment-status" value={paymentStatus} onChange={(e) => setPaymentStatus(e.target.value as PaymentStatus | "")}>
            <option value="">{t("allKinds")}</option>
            {PAYMENT_STATUSES.map((s) => (
              <option key={s} value={s}>{t(`status_${s}`)}</option>
            ))}
          </select>
        </div>
        <Field name="reason" label={t("reason")} value={reason} onChange={setReason} />
        {actionError && <p role="alert" className="form-error">{actionError}</p>}
        <ul className="list" data-testid="payments">
          {payments?.me?.wallet?.payments.nodes.map((p) => (
            <li key={p.id} data-status={p.status}>
              <span>{role === "SENT" ? p.payee.displayName : p.payer.displayName} {p.memo && <small>· {p.memo}</small>}</span>
              <span><Money value={p.amount} /></span>
              <span className="badge" data-testid="payment-status">{t(`status_${p.status}`)}</span>
              <span className="row wrap">
                {role === "SENT" && p.status === "HELD" && (
                  <>
                    <button className="small" onClick={() => act(() => confirmPayment({ input: { paymentId: p.id } }), (d: { confirmPayment: { userErrors: { message: string }[] } }) => d.confirmPayment)}>{t("confirmReceipt")}</button>
                    <button className="small secondary" onClick={() => act(() => requestRefund({ input: { paymentId: p.id, reason: reason || "-" } }), (d: { requestRefund: { userErrors: { message: string }[] } }) => d.requestRefund)}>{t("requestRefund")}</button>
                    {!p.holdExtended && (
                      <button className="small secondary" onClick={() => act(() => extendHold({ input: { paymentId: p.id } }), (d: { extendPaymentHold: { userErrors: { message: string }[] } }) => d.extendPaymentHold)}>{t("extendHold")}</button>
                    )}
                  </>
                )}
                {role === "SENT" && p.status === "REFUND_REQUESTED" && (
                  <button className="small secondary" onClick={() => act(() => withdrawRefund({ input: { paymentId: p.id } }), (d: { withdrawRefundRequest: { userErrors: { message: string }[] } }) => d.withdrawRefundRequest)}>{t("withdrawRefund")}</button>
                )}
                {role === "RECEIVED" && (p.status === "HELD" || p.status === "REFUND_REQUESTED") && (
                  <button className="small secondary" onClick={() => act(() => refundPayment({ input: { paymentId: p.id } }), (d: { refundPayment: { userErrors: { message: string }[] } }) => d.refundPayment)}>{t("refund")}</button>
                )}
                {role === "RECEIVED" && p.status === "REFUND_REQUESTED" && (
                  <button className="small secondary" onClick={() => act(() => declineRefund({ input: { paymentId: p.id } }), (d: { declineRefund: { userErrors: { message: string }[] } }) => d.declineRefund)}>{t("declineRefund")}</button>
                )}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <PaymentPasswordSheet
        open={sheet !== null}
        busy={withdraw.busy || pay.busy}
        errors={sheet?.kind === "withdraw" ? withdraw.errors : sheet?.kind === "pay" ? pay.errors : null}
        onCancel={() => setSheet(null)}
        onSubmit={async (paymentPassword) => {
          if (sheet?.kind === "withdraw") {
            const done = await withdraw.submit({ amount: withdrawAmount, paymentPassword, bankCardId: viewer?.wallet?.bankCards[0]?.id ?? null });
            if (done) {
              setSheet(null);
              setStatus(t("withdrawDone"));
              refresh();
            }
          } else if (sheet?.kind === "pay") {
            const done = await pay.submit({ payee, amount: payAmount, memo: memo || null, guarantee, paymentPassword, source: "WALLET", autoConfirmDays: null });
            if (done) {
              setSheet(null);
              setStatus(t("payDone"));
              setPayAmount("");
              refresh();
            }
          }
        }}
      />
    </main>
  );
}
