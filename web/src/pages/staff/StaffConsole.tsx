// The staff console (a lazily loaded chunk): product managers' catalogue, product form, history
// upload, four-eyes approvals and audit log; operators' daily jobs, disputes, withdrawals,
// ledger check, trading calendar and the loan reviews applicants asked a person for. Roles decide what is shown; the server enforces them.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Navigate, Route, Routes, useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import {
  ApproveChangeDocument,
  ApproveIncomeFigureDocument,
  ApproveNavCorrectionDocument,
  CorrectIncomeDocument,
  CorrectNavDocument,
  PendingFiguresDocument,
  RejectIncomeFigureDocument,
  RejectNavCorrectionDocument,
  ApproveProductStatusDocument,
  AuditLogDocument,
  CalendarDocument,
  ChangeProductStatusDocument,
  ChangeRequestsDocument,
  CreateProductDocument,
  DailyJobRunsDocument,
  DecideLoanReviewDocument,
  DisputesDocument,
  ImportCalendarDocument,
  ImportHistoryDocument,
  LedgerCheckDocument,
  LoanReviewsDocument,
  PendingWithdrawalsDocument,
  RecordIncomeDocument,
  RecordNavDocument,
  RejectChangeDocument,
  RerunDailyJobDocument,
  ResolveDisputeDocument,
  RunDailyJobDocument,
  RunLedgerCheckDocument,
  SettleWithdrawalsDocument,
  StaffProductDocument,
  StaffProductsDocument,
  UpdateProductDocument,
} from "../../api/staff";
import { PlatformDateDocument } from "../../api/customer";
import { Field, FormErrors, Loading, Money } from "../../components/ui";
import { formatMoney } from "../../lib/money";
import type { CreateProductInput, DailyJob, UpdateProductInput } from "../../gql/graphql";
import { toFieldErrors, type FieldErrors, type UserErrorLike } from "../../lib/forms";
import { askedByViewer } from "../../lib/fourEyes";
import {
  ASSET_CLASSES,
  LIQUIDITY_KINDS,
  RISK_LEVELS,
  assetClassLabel,
  liquidityLabel,
  productStatusLabel,
  riskLevelLabel,
} from "../../lib/enumLabels";
import {
  ABS_FIELDS,
  COMMON_FIELDS,
  FUND_FIELDS,
  P2P_FIELDS,
  fieldsFor,
  formFromProduct,
  integerErrors,
  newProductForm,
  productInput,
  type ProductForm as ProductFormText,
} from "../../lib/productForm";

const INT_TERMS = new Set<string>(["termMonths", "loanCount", "revolvingMonths"]);
import { useMutationForm } from "../../lib/useMutationForm";
import { changeLanguage } from "../../i18n";
import { useSession } from "../../session";

function useAction() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { t } = useTranslation();
  async function run(go: () => Promise<{ data?: unknown; error?: { message: string } }>, pick: (data: never) => { userErrors: readonly UserErrorLike[] } | null | undefined, ok: string) {
    const result = await go();
    const errors = result.data ? pick(result.data as never)?.userErrors ?? [] : [];
    if (result.error) setMessage({ ok: false, text: result.error.message || t("networkError") });
    else if (errors.length) setMessage({ ok: false, text: errors.map((e) => e.message).join(" ") });
    else setMessage({ ok: true, text: ok });
    return !result.error && errors.length === 0;
  }
  const view = message && (
    <p role={message.ok ? "status" : "alert"} className={message.ok ? "note" : "form-error"} data-testid="staff-message">
      {message.text}
    </p>
  );
  return { run, view };
}

function Products() {
  const { t } = useTranslation();
  const [{ data }, refetch] = useQuery({ query: StaffProductsDocument, variables: { status: null } });
  const [, changeStatus] = useMutation(ChangeProductStatusDocument);
  const [, approve] = useMutation(ApproveProductStatusDocument);
  const { viewer } = useSession();
  const action = useAction();
  if (!data) return <Loading />;
  return (
    <main id="main">
      <h1>{t("staffProducts")}</h1>
      <p className="note">{t("fourEyes")}</p>
      <p><Link className="button" to="/staff/products/new">{t("staffNew")}</Link></p>
      {action.view}
      <div className="table-wrap">
      <table>
        <thead>
          <tr><th>{t("code")}</th><th>{t("nameZh")}</th><th>{t("kind")}</th><th>{t("riskLevel")}</th><th>{t("staffStatus")}</th><th /></tr>
        </thead>
        <tbody>
          {data.products.nodes.map((p) => (
            <tr key={p.id} data-code={p.code}>
              <td><Link to={`/staff/products/${encodeURIComponent(p.id)}`}>{p.code}</Link></td>
              <td>{p.name}</td>
              <td>{t(`kind_${p.kind}`)}</td>
              <td data-risk-level={p.riskLevel}>{riskLevelLabel(t, p.riskLevel)}</td>
              <td data-testid="product-status" data-status={p.status}>{productStatusLabel(t, p.status)}</td>
              <td>
                {(p.status === "DRAFT" || p.status === "SUSPENDED") && (
                  <button className="small" onClick={async () => {
                    await action.run(() => changeStatus({ input: { productId: p.id, status: "ON_SALE" } }), (d: { changeProductStatus: { userErrors: UserErrorLike[] } }) => d.changeProductStatus, t("submitForLaunch"));
                    refetch({ requestPolicy: "network-only" });
                  }}>{t("submitForLaunch")}</button>
                )}
                {p.status === "PENDING_APPROVAL" && p.pendingApproval?.requestedById !== viewer?.id && (
                  <button className="small" onClick={async () => {
                    await action.run(() => approve({ input: { productId: p.id } }), (d: { approveProductStatusChange: { userErrors: UserErrorLike[] } }) => d.approveProductStatusChange, t("approveLaunch"));
                    refetch({ requestPolicy: "network-only" });
                  }}>{t("approveLaunch")}</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </main>
  );
}

const PRODUCT_ERROR_FIELDS = [...COMMON_FIELDS, ...FUND_FIELDS, "fastRedemptionLimit", "absTerms", "p2pTerms", ...ABS_FIELDS.map((f) => `abs.${f}`), ...P2P_FIELDS.map((f) => `p2p.${f}`)];

/** A fresh form for each product: after "new" is saved the page moves to the product's id on
 * the same route, and the new-product state must not stand in for the loaded terms. */
function ProductFormPage() {
  const { id } = useParams();
  return <ProductForm key={id ?? "new"} />;
}

function ProductForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const isNew = !id || id === "new";
  const [{ data }, refetchProduct] = useQuery({ query: StaffProductDocument, variables: { id: id ?? "" }, pause: isNew });
  const [{ data: audit }] = useQuery({ query: AuditLogDocument, variables: { productId: id ?? "" }, pause: isNew });
  const create = useMutationForm(CreateProductDocument, (d) => d.createProduct, PRODUCT_ERROR_FIELDS);
  const update = useMutationForm(UpdateProductDocument, (d) => d.updateProduct, PRODUCT_ERROR_FIELDS);
  const [form, setForm] = useState<ProductFormText | null>(isNew ? newProductForm() : null);
  const [loaded, setLoaded] = useState<ProductFormText | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const product = data?.product;
  if (!isNew && product && !form) {
    const initial = formFromProduct(product);
    setForm(initial);
    setLoaded(initial);
  }
  if (!form) return <Loading />;
  const errors = (isNew ? create.errors : update.errors) ?? undefined;
  const set = (name: string) => (value: string) => setForm({ ...form, [name]: value });
  const shown = new Set(fieldsFor(form.kind, form.liquidity));
  const fieldErrors = (name: string) =>
    errors?.fields[name] && <p className="field-error" data-testid={`error-${name}`}>{errors.fields[name].join(" ")}</p>;
  const select = (name: string, options: string[], disabled = false, labels?: (o: string) => string) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{t(`pf_${name.replace(".", "_")}`, { defaultValue: t(name) })}</label>
      <select id={`f-${name}`} name={name} value={form[name]} disabled={disabled} onChange={(e) => set(name)(e.target.value)}>
        {options.map((o) => <option key={o} value={o}>{labels ? labels(o) : o}</option>)}
      </select>
      {fieldErrors(name)}
    </div>
  );
  const text = (name: string, inputMode?: "decimal" | "numeric") =>
    shown.has(name) && (
      <Field key={name} name={name} label={t(`pf_${name.replace(".", "_")}`, { defaultValue: t(name) })} value={form[name]} onChange={set(name)} inputMode={inputMode} errors={errors} />
    );
  const yesNo = (o: string) => (o === "true" ? t("yes") : o === "false" ? t("no") : t("byDefault"));
  return (
    <main id="main">
      <h1>{isNew ? t("staffNew") : `${t("edit")} ${form.code}`}</h1>
      <form
        className="card"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved(null);
          const form_ = isNew ? create : update;
          const wrong = integerErrors(form, [...shown], t("wholeNumber"));
          if (Object.keys(wrong).length) {
            form_.setErrors({ fields: wrong, general: [] });
            return;
          }
          if (isNew) {
            const input = productInput(form) as unknown as CreateProductInput;
            const done = await create.submit({ input });
            const created = done?.createProduct.product;
            if (created) navigate(`/staff/products/${encodeURIComponent(created.id)}`);
          } else {
            const changes = productInput(form, loaded ?? undefined);
            if (Object.keys(changes).length === 0) {
              setSaved(t("nothingChanged"));
              return;
            }
            const done = await update.submit({ input: { ...changes, productId: id! } as unknown as UpdateProductInput });
            if (done) {
              const request = done.updateProduct.changeRequest;
              setSaved(request ? t("changeRequested") : t("savedTerms"));
              if (!request) setLoaded(form);
              refetchProduct({ requestPolicy: "network-only" });
            }
          }
        }}
      >
        {isNew && <Field name="code" label={t("code")} value={form.code} onChange={set("code")} errors={errors} />}
        <Field name="nameZh" label={t("nameZh")} value={form.nameZh} onChange={set("nameZh")} errors={errors} />
        <Field name="nameEn" label={t("nameEn")} value={form.nameEn} onChange={set("nameEn")} errors={errors} />
        <Field name="issuer" label={t("issuer")} value={form.issuer} onChange={set("issuer")} errors={errors} />
        {select("kind", ["MONEY_FUND", "EQUITY_FUND", "ABS_UNIT", "P2P_LOAN"], !isNew, (o) => t(`kind_${o}`))}
        {select("riskLevel", RISK_LEVELS, false, (o) => riskLevelLabel(t, o))}
        {select("liquidity", LIQUIDITY_KINDS, false, (o) => liquidityLabel(t, o))}
        {select("assetClass", isNew ? ["", ...ASSET_CLASSES] : ASSET_CLASSES, false, (o) => (o ? assetClassLabel(t, o) : t("byDefault")))}
        {select("qualifiedOnly", isNew ? ["", "true", "false"] : ["true", "false"], false, yesNo)}
        <Field name="minimumAmount" label={t("minimumAmount")} value={form.minimumAmount} onChange={set("minimumAmount")} inputMode="decimal" errors={errors} />
        <Field name="subscriptionFeeRate" label={t("subscriptionFeeRate")} value={form.subscriptionFeeRate} onChange={set("subscriptionFeeRate")} inputMode="decimal" errors={errors} />
        <Field name="managementFeeRate" label={t("managementFeeRate")} value={form.managementFeeRate} onChange={set("managementFeeRate")} inputMode="decimal" errors={errors} />
        <Field name="lockDays" label={t("lockDays")} value={form.lockDays} onChange={set("lockDays")} inputMode="numeric" errors={errors} />
        {shown.has("maturityDate") && (
          <div className="field">
            <label htmlFor="f-maturityDate">{t("maturityDate")}</label>
            <input id="f-maturityDate" name="maturityDate" type="date" value={form.maturityDate} onChange={(e) => set("maturityDate")(e.target.value)} />
            {fieldErrors("maturityDate")}
          </div>
        )}
        <Field name="redemptionFees" label={t("redemptionFees")} value={form.redemptionFees} onChange={set("redemptionFees")} errors={errors} />
        {shown.has("registrar") && (
          <fieldset className="card" data-testid="fund-terms">
            <legend>{t("fundTerms")}</legend>
            {text("registrar")}
            {text("redemptionSettlementDays", "numeric")}
            {text("fastRedemptionLimit", "decimal")}
            <label className="option">
              <input type="checkbox" name="switchable" checked={form.switchable === "true"} onChange={(e) => set("switchable")(String(e.target.checked))} /> {t("switchable")}
            </label>
            {fieldErrors("switchable")}
          </fieldset>
        )}
        {form.kind === "ABS_UNIT" && (
          <fieldset className="card" data-testid="abs-terms">
            <legend>{t("absTerms")}</legend>
            {fieldErrors("absTerms")}
            {ABS_FIELDS.map((f) => text(`abs.${f}`, INT_TERMS.has(f) ? "numeric" : "decimal"))}
          </fieldset>
        )}
        {form.kind === "P2P_LOAN" && (
          <fieldset className="card" data-testid="p2p-terms">
            <legend>{t("p2pTerms")}</legend>
            {fieldErrors("p2pTerms")}
            {P2P_FIELDS.filter((f) => !["lossCover", "repaymentMethod", "earlyExit"].includes(f)).map((f) => text(`p2p.${f}`, INT_TERMS.has(f) ? "numeric" : "decimal"))}
            {select("p2p.lossCover", ["", "NONE", "GUARANTOR", "RISK_RESERVE"], false, (o) => o || "—")}
            {select("p2p.repaymentMethod", ["", "BULLET", "EQUAL_INSTALMENTS"], false, (o) => o || "—")}
            {select("p2p.earlyExit", ["", "true", "false"], false, (o) => (o ? yesNo(o) : "—"))}
          </fieldset>
        )}
        <FormErrors errors={errors} />
        <button type="submit">{t("save")}</button>
        {saved && <p role="status">{saved}</p>}
      </form>
      {!isNew && product && <RecordDay productId={product.id} kind={product.kind} />}
      {!isNew && (
        <section className="card">
          <h2>{t("audit")}</h2>
          <ul className="list">
            {audit?.productAuditLog.nodes.map((entry) => (
              <li key={entry.id}>
                <span>{entry.action}</span>
                <span>{entry.actor}</span>
                <small>{entry.at.slice(0, 16).replace("T", " ")} {entry.changes.map((c) => `${c.field}: ${c.before ?? "—"} → ${c.after ?? "—"}`).join("; ")}</small>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

function RecordDay({ productId, kind }: { productId: string; kind: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState("");
  const [value, setValue] = useState("");
  const [, recordNav] = useMutation(RecordNavDocument);
  const [, recordIncome] = useMutation(RecordIncomeDocument);
  const action = useAction();
  const money = kind === "MONEY_FUND";
  if (kind !== "MONEY_FUND" && kind !== "EQUITY_FUND") return null;
  return (
    <form
      className="card"
      onSubmit={async (e) => {
        e.preventDefault();
        if (money) await action.run(() => recordIncome({ input: { productId, date, incomePer10kUnits: value } }), (d: { recordMoneyFundIncome: { userErrors: UserErrorLike[] } }) => d.recordMoneyFundIncome, t("done"));
        else await action.run(() => recordNav({ input: { productId, date, nav: value } }), (d: { recordNav: { userErrors: UserErrorLike[] } }) => d.recordNav, t("done"));
      }}
    >
      <h2>{money ? t("recordIncome") : t("recordNav")}</h2>
      <div className="field"><label htmlFor="rd-date">{t("date")}</label><input id="rd-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} /></div>
      <Field name="value" label={t("value")} value={value} onChange={setValue} />
      {action.view}
      <button type="submit">{t("save")}</button>
    </form>
  );
}

export function ChangeRequests() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  // Operators come here for the money-fund income figures only: product changes and NAV
  // corrections are the product managers' (the server refuses them to anyone else).
  const pm = Boolean(viewer?.roles.includes("PRODUCT_MANAGER"));
  const [{ data }, refetch] = useQuery({ query: ChangeRequestsDocument, pause: !pm });
  const [{ data: products }] = useQuery({ query: StaffProductsDocument, variables: { status: null } });
  const [, approve] = useMutation(ApproveChangeDocument);
  const [, reject] = useMutation(RejectChangeDocument);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const action = useAction();
  const codes = new Map((products?.products.nodes ?? []).map((p) => [p.id, p.code]));
  return (
    <main id="main">
      <h1>{t("staffChangeRequests")}</h1>
      <p className="note">{t("fourEyes")}</p>
      {action.view}
      {pm && !data && <Loading />}
      {pm && data?.productChangeRequests.nodes.length === 0 && <p>{t("nothingPending")}</p>}
      {pm && <ul className="list" data-testid="change-requests">
        {data?.productChangeRequests.nodes.map((r) => {
          const mine = askedByViewer(r, viewer);
          return (
            <li key={r.id} data-testid="change-request">
              <strong>
                <Link to={`/staff/products/${encodeURIComponent(r.productId)}`}>{codes.get(r.productId) ?? r.productId}</Link>
              </strong>
              <span>{t("requestedBy", { who: r.requestedBy, at: r.requestedAt.slice(0, 16).replace("T", " ") })}</span>
              <small>{r.changes.map((c) => `${c.field}: ${c.before ?? "—"} → ${c.after ?? "—"}`).join("; ")}</small>
              {r.note && <small>{r.note}</small>}
              {mine && <small data-testid="own-request">{t("ownRequest")}</small>}
              <div className="field">
                <label htmlFor={`cr-note-${r.id}`}>{t("rejectNote")}</label>
                <input id={`cr-note-${r.id}`} value={notes[r.id] ?? ""} maxLength={500} onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })} />
              </div>
              <span className="row">
                <button className="small" disabled={mine} onClick={async () => {
                  await action.run(() => approve({ input: { changeRequestId: r.id } }), (d: { approveProductChange: { userErrors: UserErrorLike[] } }) => d.approveProductChange, t("approve"));
                  refetch({ requestPolicy: "network-only" });
                }}>{t("approve")}</button>
                <button className="small secondary" onClick={async () => {
                  await action.run(() => reject({ input: { changeRequestId: r.id, note: notes[r.id]?.trim() || null } }), (d: { rejectProductChange: { userErrors: UserErrorLike[] } }) => d.rejectProductChange, mine ? t("withdrawChange") : t("reject"));
                  refetch({ requestPolicy: "network-only" });
                }}>{mine ? t("withdrawChange") : t("reject")}</button>
              </span>
            </li>
          );
        })}
      </ul>}
      <PendingFigures pm={pm} />
    </main>
  );
}

// Four eyes on figures: a correction of a recorded NAV (it re-prices the orders confirmed at it)
// and an unusual money-fund income figure wait here for a second product manager.
function PendingFigures({ pm }: { pm: boolean }) {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [{ data }, refetch] = useQuery({ query: PendingFiguresDocument, requestPolicy: "cache-and-network" });
  const [{ data: products }] = useQuery({ query: StaffProductsDocument, variables: { status: null } });
  const [, approveNav] = useMutation(ApproveNavCorrectionDocument);
  const [, rejectNav] = useMutation(RejectNavCorrectionDocument);
  const [, approveIncome] = useMutation(ApproveIncomeFigureDocument);
  const [, rejectIncome] = useMutation(RejectIncomeFigureDocument);
  const correct = useMutationForm(CorrectNavDocument, (d) => d.correctNav, ["productId", "date", "nav"]);
  const [form, setForm] = useState({ productId: "", date: "", nav: "" });
  const action = useAction();
  const codes = new Map((products?.products.nodes ?? []).map((p) => [p.id, p.code]));
  const mine = (requestedBy: string) => askedByViewer({ requestedBy }, viewer);
  const again = () => refetch({ requestPolicy: "network-only" });
  type Picked = { userErrors: UserErrorLike[] };
  return (
    <section aria-labelledby="figures-label">
      <h2 id="figures-label">{t("staffFigures")}</h2>
      {action.view}
      {pm && <h3>{t("staffNavCorrections")}</h3>}
      {pm && data?.navCorrections.length === 0 && <p>{t("nothingPending")}</p>}
      {pm && <ul className="list" data-testid="nav-corrections">
        {data?.navCorrections.map((c) => (
          <li key={c.id}>
            <span>{codes.get(c.productId) ?? c.productId} · {c.date}</span>
            <span>{c.oldNav} → {c.newNav}</span>
            <small>{c.requestedBy}</small>
            <span className="row">
              <button className="small" disabled={mine(c.requestedBy)} onClick={async () => {
                await action.run(() => approveNav({ input: { correctionId: c.id } }), (d: { approveNavCorrection: Picked }) => d.approveNavCorrection, t("approve"));
                again();
              }}>{t("approve")}</button>
              <button className="small secondary" onClick={async () => {
                await action.run(() => rejectNav({ input: { correctionId: c.id } }), (d: { rejectNavCorrection: Picked }) => d.rejectNavCorrection, t("reject"));
                again();
              }}>{t("reject")}</button>
            </span>
          </li>
        ))}
      </ul>}
      <h3>{t("staffIncomeFigures")}</h3>
      {data?.incomeFigureRequests.length === 0 && <p>{t("nothingPending")}</p>}
      <ul className="list" data-testid="income-figures">
        {data?.incomeFigureRequests.map((r) => (
          <li key={r.id}>
            <span>{codes.get(r.productId) ?? r.productId} · {r.date}</span>
            <span>{r.incomePer10kUnits}{r.correction ? ` (${t("correction")})` : ""}</span>
            <small>{r.requestedBy}</small>
            <span className="row">
              <button className="small" disabled={mine(r.requestedBy)} onClick={async () => {
                await action.run(() => approveIncome({ input: { requestId: r.id } }), (d: { approveIncomeFigure: Picked }) => d.approveIncomeFigure, t("approve"));
                again();
              }}>{t("approve")}</button>
              <button className="small secondary" onClick={async () => {
                await action.run(() => rejectIncome({ input: { requestId: r.id } }), (d: { rejectIncomeFigure: Picked }) => d.rejectIncomeFigure, t("reject"));
                again();
              }}>{t("reject")}</button>
            </span>
          </li>
        ))}
      </ul>
      {pm && <form
        className="card"
        data-testid="correct-nav"
        onSubmit={async (e) => {
          e.preventDefault();
          const done = await correct.submit({ input: form });
          if (done) {
            setForm({ productId: "", date: "", nav: "" });
            again();
          }
        }}
      >
        <h3>{t("staffCorrectNav")}</h3>
        <div className="field">
          <label htmlFor="correct-product">{t("code")}</label>
          <select id="correct-product" name="productId" value={form.productId} onChange={(e) => setForm({ ...form, productId: e.target.value })}>
            <option value="" />
            {(products?.products.nodes ?? []).filter((p) => p.kind === "EQUITY_FUND").map((p) => (
              <option key={p.id} value={p.id}>{p.code}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="correct-date">{t("date")}</label>
          <input id="correct-date" name="date" type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />
        </div>
        <Field name="nav" label={t("value")} value={form.nav} onChange={(nav) => setForm({ ...form, nav })} inputMode="decimal" errors={correct.errors ?? undefined} />
        <FormErrors errors={correct.errors} />
        <button type="submit">{t("submit")}</button>
      </form>}
      {viewer?.roles.includes("OPERATOR") && (
        <CorrectIncome moneyFunds={(products?.products.nodes ?? []).filter((p) => p.kind === "MONEY_FUND")} onDone={again} />
      )}
    </section>
  );
}

// Operators correct a recorded money-fund income (the server reverses and redistributes a day
// already paid); a figure below 0 or above 3.0000 waits above for a second member of staff.
export function CorrectIncome({ moneyFunds, onDone }: { moneyFunds: readonly { id: string; code: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const correct = useMutationForm(CorrectIncomeDocument, (d) => d.correctMoneyFundIncome, ["productId", "date", "incomePer10kUnits"]);
  const [form, setForm] = useState({ productId: "", date: "", incomePer10kUnits: "" });
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <form
      className="card"
      data-testid="correct-income"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setOutcome(null);
        const done = await correct.submit({ input: form });
        if (!done) return;
        const { income, incomeRequest } = done.correctMoneyFundIncome;
        if (income) setOutcome(t("incomeCorrected", { date: income.date, holders: income.holders, total: formatMoney(income.total) }));
        else if (incomeRequest) setOutcome(t("incomeCorrectionWaits"));
        setForm({ productId: "", date: "", incomePer10kUnits: "" });
        onDone();
      }}
    >
      <h3>{t("staffCorrectIncome")}</h3>
      <p className="note">{t("incomeCorrectionNote")}</p>
      <div className="field">
        <label htmlFor="income-product">{t("code")}</label>
        <select id="income-product" name="productId" value={form.productId} onChange={(e) => setForm({ ...form, productId: e.target.value })}>
          <option value="" />
          {moneyFunds.map((p) => (
            <option key={p.id} value={p.id}>{p.code}</option>
          ))}
        </select>
        {correct.errors?.fields.productId && <p className="field-error">{correct.errors.fields.productId.join(" ")}</p>}
      </div>
      <div className="field">
        <label htmlFor="income-date">{t("date")}</label>
        <input id="income-date" name="date" type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />
        {correct.errors?.fields.date && <p className="field-error">{correct.errors.fields.date.join(" ")}</p>}
      </div>
      <Field name="incomePer10kUnits" label={t("incomePer10kUnits")} value={form.incomePer10kUnits} onChange={(incomePer10kUnits) => setForm({ ...form, incomePer10kUnits })} inputMode="decimal" errors={correct.errors ?? undefined} />
      <FormErrors errors={correct.errors} />
      {outcome && <p role="status" data-testid="income-outcome">{outcome}</p>}
      <button type="submit" disabled={correct.busy}>{t("submit")}</button>
    </form>
  );
}

function Upload() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [, upload] = useMutation(ImportHistoryDocument);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  return (
    <main id="main">
      <h1>{t("staffUpload")}</h1>
      <form
        className="card"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!file) return;
          setErrors(null);
          setLoaded(null);
          const result = await upload({ input: { file } });
          const payload = result.data?.importProductHistory;
          if (payload?.userErrors.length) setErrors(toFieldErrors(payload.userErrors, []));
          else if (payload) setLoaded(t("uploaded", { loaded: payload.loaded ?? 0, already: payload.alreadyStored ?? 0 }));
          else setErrors({ fields: {}, general: [result.error?.message ?? t("networkError")] });
        }}
      >
        <div className="field">
          <label htmlFor="csv">CSV</label>
          <input id="csv" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <FormErrors errors={errors} />
        {loaded && <p role="status">{loaded}</p>}
        <button type="submit">{t("submit")}</button>
      </form>
    </main>
  );
}

// A day's job runs (scheduled or by hand), on the platform's date unless another is chosen; a
// failed run can be run again (the server re-queues its failed tasks only).
export function JobRuns() {
  const { t } = useTranslation();
  const [{ data: today }] = useQuery({ query: PlatformDateDocument });
  const [chosen, setChosen] = useState("");
  const date = chosen || (today?.platformDate as string | undefined) || "";
  const [{ data, fetching }, refetch] = useQuery({ query: DailyJobRunsDocument, variables: { date }, pause: !date, requestPolicy: "cache-and-network" });
  const [, rerun] = useMutation(RerunDailyJobDocument);
  const [{ data: products }] = useQuery({ query: StaffProductsDocument, variables: { status: null } });
  const codes = new Map((products?.products.nodes ?? []).map((p) => [p.id, p.code]));
  const action = useAction();
  const runs = data?.dailyJobRuns ?? [];
  return (
    <section className="card" aria-labelledby="job-runs-h">
      <h2 id="job-runs-h">{t("jobRuns")}</h2>
      <p className="note">{t("jobRunsNote")}</p>
      {action.view}
      <div className="field">
        <label htmlFor="job-runs-date">{t("jobRunsDate")}</label>
        <input id="job-runs-date" type="date" value={date} onChange={(e) => setChosen(e.target.value)} />
      </div>
      {date && !data && fetching && <Loading />}
      {data && runs.length === 0 && <p>{t("noJobRuns")}</p>}
      {runs.length > 0 && (
        <table data-testid="job-runs">
          <thead>
            <tr><th>{t("job")}</th><th>{t("code")}</th><th>{t("jobState")}</th><th>{t("jobAttempts")}</th><th>{t("jobItems")}</th><th>{t("amount")}</th><th>{t("jobMessage")}</th><th>{t("rerun")}</th></tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-state={r.state}>
                <td>{r.job}</td>
                <td>{r.productId ? codes.get(r.productId) ?? r.productId : "—"}</td>
                <td>{t(`jobState_${r.state}`)}</td>
                <td>{r.attempts}</td>
                <td>{r.items ?? "—"}</td>
                <td>{r.amount ? <Money value={r.amount} signed /> : "—"}</td>
                <td>{[r.message, ...r.errors].filter(Boolean).join(" · ")}</td>
                <td>
                  {r.state === "FAILED" && (
                    <button className="small" onClick={async () => {
                      await action.run(() => rerun({ input: { id: r.id } }), (d: { rerunDailyJob: { userErrors: UserErrorLike[] } }) => d.rerunDailyJob, t("done"));
                      refetch({ requestPolicy: "network-only" });
                    }}>{t("rerun")}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Operations() {
  const { t } = useTranslation();
  const [job, setJob] = useState<DailyJob>("CONFIRM_ORDERS");
  const [date, setDate] = useState("");
  const [, runJob] = useMutation(RunDailyJobDocument);
  const [report, setReport] = useState<{ code: string; result: string; items: number; message: string; amount?: { amount: string; currency: string } | null }[] | null>(null);
  const [{ data: disputes }, refetchDisputes] = useQuery({ query: DisputesDocument });
  const [, resolve] = useMutation(ResolveDisputeDocument);
  const [disputeNotes, setDisputeNotes] = useState<Record<string, string>>({});
  const [{ data: withdrawals }, refetchWithdrawals] = useQuery({ query: PendingWithdrawalsDocument });
  const [, settle] = useMutation(SettleWithdrawalsDocument);
  const [{ data: ledger }, refetchLedger] = useQuery({ query: LedgerCheckDocument });
  const [, runCheck] = useMutation(RunLedgerCheckDocument);
  const [{ data: calendar }, refetchCalendar] = useQuery({ query: CalendarDocument });
  const [, importCalendar] = useMutation(ImportCalendarDocument);
  const [csv, setCsv] = useState("");
  const action = useAction();
  return (
    <main id="main">
      <h1>{t("staffOps")}</h1>
      {action.view}
      <section className="card">
        <h2>{t("dailyJobs")}</h2>
        <form
          className="row wrap"
          onSubmit={async (e) => {
            e.preventDefault();
            const result = await runJob({ input: { job, date } });
            const payload = result.data?.runDailyJob;
            setReport(payload?.report?.runs ?? null);
            await action.run(async () => result, (d: { runDailyJob: { userErrors: UserErrorLike[] } }) => d.runDailyJob, t("done"));
          }}
        >
          <div className="field">
            <label htmlFor="job">{t("job")}</label>
            <select id="job" value={job} onChange={(e) => setJob(e.target.value as DailyJob)}>
              {["CONFIRM_ORDERS", "ACCRUE_INCOME", "PROCESS_LOANS", "RELEASE_ESCROWS", "COLLECT_LOANS", "RUN_ABS_POOLS"].map((j) => <option key={j}>{j}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="job-date">{t("date")}</label>
            <input id="job-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <button type="submit">{t("run")}</button>
        </form>
        {report && (
          <table data-testid="job-report">
            <thead>
              <tr><th>{t("code")}</th><th>{t("jobResult")}</th><th>{t("jobItems")}</th><th>{t("amount")}</th><th>{t("jobMessage")}</th></tr>
            </thead>
            <tbody>
              {report.length === 0 && <tr><td colSpan={5}>{t("nothingPending")}</td></tr>}
              {report.map((r, i) => (
                <tr key={i} data-result={r.result}>
                  <td>{r.code}</td>
                  <td>{t(`jobResult_${r.result}`)}</td>
                  <td>{r.items}</td>
                  <td>{r.amount ? <Money value={r.amount} signed /> : "—"}</td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <JobRuns />
      <section className="card" aria-labelledby="disputes-h">
        <h2 id="disputes-h">{t("disputes")}</h2>
        {disputes?.disputedPayments.nodes.length === 0 && <p>{t("noDisputes")}</p>}
        <ul className="list" data-testid="disputes">
          {disputes?.disputedPayments.nodes.map((p) => (
            <li key={p.id}>
              <span>{p.payer.displayName} → {p.payee.displayName} {p.memo && <small>· {p.memo}</small>}</span>
              <span><Money value={p.amount} /></span>
              <small>{t("ageDays", { days: p.disputeAgeDays ?? 0 })} · {p.refundReason}</small>
              <div className="field">
                <label htmlFor={`dispute-note-${p.id}`}>{t("disputeNote")}</label>
                <input id={`dispute-note-${p.id}`} maxLength={500} value={disputeNotes[p.id] ?? ""} onChange={(e) => setDisputeNotes({ ...disputeNotes, [p.id]: e.target.value })} />
              </div>
              <span className="row">
                <button className="small" onClick={async () => {
                  await action.run(() => resolve({ input: { paymentId: p.id, outcome: "REFUND", note: disputeNotes[p.id]?.trim() || null } }), (d: { resolveDispute: { userErrors: UserErrorLike[] } }) => d.resolveDispute, t("refundBuyer"));
                  refetchDisputes({ requestPolicy: "network-only" });
                }}>{t("refundBuyer")}</button>
                <button className="small secondary" onClick={async () => {
                  await action.run(() => resolve({ input: { paymentId: p.id, outcome: "RELEASE", note: disputeNotes[p.id]?.trim() || null } }), (d: { resolveDispute: { userErrors: UserErrorLike[] } }) => d.resolveDispute, t("releaseSeller"));
                  refetchDisputes({ requestPolicy: "network-only" });
                }}>{t("releaseSeller")}</button>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{t("pendingWithdrawals")}</h2>
        <ul className="list">
          {withdrawals?.pendingWithdrawals?.nodes.map((w) => (
            <li key={w.id}>
              <span>{w.user.maskedName} · {w.bankName} ****{w.cardLast4}</span>
              <span><Money value={w.amount} /></span>
              <span className="row">
                <button className="small" onClick={async () => {
                  await action.run(() => settle({ ids: [w.id] }), (d: { settleWithdrawals: { userErrors: UserErrorLike[] } }) => d.settleWithdrawals, t("settle"));
                  refetchWithdrawals({ requestPolicy: "network-only" });
                }}>{t("settle")}</button>
                <button className="small secondary" onClick={async () => {
                  await action.run(() => settle({ ids: [], failIds: [w.id] }), (d: { settleWithdrawals: { userErrors: UserErrorLike[] } }) => d.settleWithdrawals, t("fail"));
                  refetchWithdrawals({ requestPolicy: "network-only" });
                }}>{t("fail")}</button>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{t("ledgerCheck")}</h2>
        {ledger?.ledgerCheck ? (
          <p>
            {ledger.ledgerCheck.ok ? t("ledgerOk") : t("ledgerProblems")} · {ledger.ledgerCheck.ranAt.slice(0, 16).replace("T", " ")} · {ledger.ledgerCheck.ranBy}
          </p>
        ) : <p>—</p>}
        {ledger?.ledgerCheck?.problems.map((p, i) => <p key={i} className="form-error">{p}</p>)}
        <button className="secondary" onClick={async () => {
          await action.run(() => runCheck({}), (d: { runLedgerCheck: { userErrors: UserErrorLike[] } }) => d.runLedgerCheck, t("ledgerCheck"));
          refetchLedger({ requestPolicy: "network-only" });
        }}>{t("runCheck")}</button>
      </section>
      <section className="card">
        <h2>{t("calendar")}</h2>
        {calendar && <p>{t("knownThrough", { date: calendar.tradingCalendar.knownThrough, days: calendar.tradingCalendar.daysLeft })}</p>}
        {calendar?.tradingCalendar.needsImport && <p role="alert" className="form-error">{t("calendarNeedsImport")}</p>}
        <form onSubmit={async (e) => {
          e.preventDefault();
          await action.run(() => importCalendar({ input: { csv } }), (d: { importTradingCalendar: { userErrors: UserErrorLike[] } }) => d.importTradingCalendar, t("importCalendar"));
          refetchCalendar({ requestPolicy: "network-only" });
        }}>
          <div className="field">
            <label htmlFor="cal-csv">{t("importCalendar")} (CSV)</label>
            <textarea id="cal-csv" rows={3} value={csv} onChange={(e) => setCsv(e.target.value)} />
          </div>
          <button type="submit" className="secondary">{t("importCalendar")}</button>
        </form>
      </section>
    </main>
  );
}

const GRADES = ["A", "B", "C", "D"] as const;

/** Operators: declined loan applications whose applicants asked a person to look again (PIPL
 * Art. 24). Each is decided once, with a note the applicant reads; approving books the loan. */
function LoanReviews() {
  const { t } = useTranslation();
  const [{ data, fetching }, refetch] = useQuery({ query: LoanReviewsDocument });
  const [, decide] = useMutation(DecideLoanReviewDocument);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [grades, setGrades] = useState<Record<string, string>>({});
  const action = useAction();
  if (!data && fetching) return <Loading />;
  const reviews = data?.loanReviews.nodes ?? [];
  async function send(id: string, decision: "UPHOLD" | "APPROVE") {
    const ok = await action.run(
      () => decide({ input: { loanApplicationId: id, decision, note: notes[id] ?? "", grade: decision === "APPROVE" ? grades[id] ?? "D" : null } }),
      (d: { decideLoanReview: { userErrors: UserErrorLike[] } }) => d.decideLoanReview,
      decision === "APPROVE" ? t("reviewApproved") : t("reviewUpheld"),
    );
    if (ok) refetch({ requestPolicy: "network-only" });
  }
  return (
    <main id="main">
      <h1>{t("loanReviews")}</h1>
      <p className="note">{t("loanReviewsNote")}</p>
      {action.view}
      {reviews.length === 0 && <p>{t("noLoanReviews")}</p>}
      <ul className="list" data-testid="loan-reviews">
        {reviews.map((r) => (
          <li key={r.id} className="card" data-testid="loan-review">
            <p>
              <strong><Money value={r.amount} /></strong> · {t("termMonths", { months: r.termMonths })}
            </p>
            <small>{t("requestedAt", { at: new Date(r.review?.requestedAt ?? r.createdAt).toLocaleString() })}</small>
            <ul>{r.reasons.map((reason) => <li key={reason.code}>{reason.text}</li>)}</ul>
            <div className="field">
              <label htmlFor={`note-${r.id}`}>{t("reviewNote")}</label>
              <textarea id={`note-${r.id}`} maxLength={500} value={notes[r.id] ?? ""} onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })} />
            </div>
            <div className="row wrap">
              <button className="small secondary" onClick={() => send(r.id, "UPHOLD")}>{t("upholdDecline")}</button>
              <label htmlFor={`grade-${r.id}`}>{t("approveAtGrade")}</label>
              <select id={`grade-${r.id}`} value={grades[r.id] ?? "D"} onChange={(e) => setGrades({ ...grades, [r.id]: e.target.value })}>
                {GRADES.map((g) => <option key={g}>{g}</option>)}
              </select>
              <button className="small" onClick={() => send(r.id, "APPROVE")}>{t("approveLoan")}</button>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}

export default function StaffConsole() {
  const { t, i18n } = useTranslation();
  const { viewer, signOut } = useSession();
  if (!viewer) return <Loading />;
  const pm = viewer.roles.includes("PRODUCT_MANAGER");
  const ops = viewer.roles.includes("OPERATOR");
  if (!pm && !ops) return <main id="main"><p role="alert">{t("forbidden")}</p><Link to="/">{t("navHome")}</Link></main>;
  return (
    <div className="staff">
      <header className="top"><span className="brand">{t("appName")} · {t("navStaff")}</span></header>
      <nav aria-label={t("navStaff")}>
        {pm && <NavLink to="/staff/products" end>{t("staffProducts")}</NavLink>}
        {(pm || ops) && <NavLink to="/staff/changes">{t("staffChangeRequests")}</NavLink>}
        {pm && <NavLink to="/staff/upload">{t("staffUpload")}</NavLink>}
        {ops && <NavLink to="/staff/ops">{t("staffOps")}</NavLink>}
        {ops && <NavLink to="/staff/reviews">{t("loanReviews")}</NavLink>}
        <select aria-label={t("language")} value={i18n.language} onChange={(e) => changeLanguage(e.target.value)}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
        <button className="small secondary" onClick={signOut}>{t("signOut")}</button>
      </nav>
      <Routes>
        <Route index element={<Navigate to={pm ? "products" : "ops"} replace />} />
        <Route path="products" element={<Products />} />
        <Route path="products/:id" element={<ProductFormPage />} />
        <Route path="changes" element={<ChangeRequests />} />
        <Route path="upload" element={<Upload />} />
        <Route path="ops" element={<Operations />} />
        <Route path="reviews" element={<LoanReviews />} />
      </Routes>
    </div>
  );
}
