// The onboarding checklist: verify identity, bind a card, set the payment password, take the
// questionnaire; each open step has its form here.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { BindBankCardDocument, SetPaymentPasswordDocument, VerifyIdentityDocument } from "../api/customer";
import { Field, FormErrors, Loading } from "../components/ui";
import { useMutationForm } from "../lib/useMutationForm";
import { useSession } from "../session";

export function OnboardingPage() {
  const { t } = useTranslation();
  const { viewer, refetchViewer } = useSession();
  const [realName, setRealName] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [bankName, setBankName] = useState("");
  const [cardNumber, setCardNumber] = useState("");
  const [paymentPassword, setPaymentPassword] = useState("");
  const verify = useMutationForm(VerifyIdentityDocument, (d) => d.verifyIdentity, ["realName", "idNumber"]);
  const bind = useMutationForm(BindBankCardDocument, (d) => d.bindBankCard, ["bankName", "cardNumber", "holderName"]);
  const setPw = useMutationForm(SetPaymentPasswordDocument, (d) => d.setPaymentPassword, ["paymentPassword"]);
  if (!viewer) return <Loading />;
  const wallet = viewer.wallet;
  const identityDone = !!wallet?.identity;
  const cardDone = (wallet?.bankCards.length ?? 0) > 0;
  const pwDone = !!wallet?.paymentPasswordSet;
  const riskDone = viewer.riskProfile?.status === "CURRENT" || viewer.riskProfile?.status === "EXPIRING";
  const steps = [
    { key: "stepIdentity", done: identityDone },
    { key: "stepCard", done: cardDone },
    { key: "stepPaymentPassword", done: pwDone },
    { key: "stepQuestionnaire", done: riskDone },
  ];
  return (
    <main id="main">
      <h1>{t("onboardingTitle")}</h1>
      <ol className="checklist" aria-label={t("onboardingTitle")}>
        {steps.map((step) => (
          <li key={step.key} data-done={step.done}>
            {step.done ? "✓ " : "○ "}
            {t(step.key)}
            {step.done && <span className="visually-hidden"> ({t("stepDone")})</span>}
          </li>
        ))}
      </ol>
      {!identityDone && (
        <form
          className="card"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await verify.submit({ input: { realName, idNumber } })) refetchViewer();
          }}
        >
          <h2>{t("stepIdentity")}</h2>
          <Field name="realName" label={t("realName")} value={realName} onChange={setRealName} errors={verify.errors ?? undefined} />
          <Field name="idNumber" label={t("idNumber")} value={idNumber} onChange={setIdNumber} errors={verify.errors ?? undefined} />
          <FormErrors errors={verify.errors} />
          <button type="submit" disabled={verify.busy}>{t("verify")}</button>
        </form>
      )}
      {identityDone && !cardDone && (
        <form
          className="card"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await bind.submit({ input: { bankName, cardNumber, holderName: wallet?.identity?.realName ?? "" } })) refetchViewer();
          }}
        >
          <h2>{t("stepCard")}</h2>
          <Field name="bankName" label={t("bankName")} value={bankName} onChange={setBankName} errors={bind.errors ?? undefined} />
          <Field name="cardNumber" label={t("cardNumber")} value={cardNumber} onChange={setCardNumber} inputMode="numeric" errors={bind.errors ?? undefined} />
          <FormErrors errors={bind.errors} />
          <button type="submit" disabled={bind.busy}>{t("bind")}</button>
        </form>
      )}
      {identityDone && cardDone && !pwDone && (
        <form
          className="card"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await setPw.submit({ input: { paymentPassword } })) refetchViewer();
          }}
        >
          <h2>{t("stepPaymentPassword")}</h2>
          <Field name="paymentPassword" type="password" label={t("paymentPassword")} value={paymentPassword} onChange={setPaymentPassword} inputMode="numeric" errors={setPw.errors ?? undefined} />
          <FormErrors errors={setPw.errors} />
          <button type="submit" disabled={setPw.busy}>{t("setPassword")}</button>
        </form>
      )}
      {!riskDone && (
        <p>
          <Link className="button" to="/questionnaire">{t("startQuestionnaire")}</Link>
        </p>
      )}
      {identityDone && cardDone && pwDone && riskDone && (
        <p>
          <Link className="button" to="/plan">{t("navPlan")}</Link>
        </p>
      )}
    </main>
  );
}
