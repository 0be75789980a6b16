// Small shared pieces: a labelled field with its own errors, a form's general errors, a modal
// dialog (the payment-password sheet and the risk acknowledgement), money text.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../lib/forms";
import { formatMoney, type MoneyLike } from "../lib/money";

export function Field(props: {
  name: string;
  label: string;
  errors?: FieldErrors;
  type?: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "email" | "text";
}) {
  const id = useId();
  const messages = props.errors?.fields[props.name] ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        aria-invalid={messages.length > 0}
        aria-describedby={messages.length ? id + "-error" : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {messages.length > 0 && (
        <p className="field-error" id={id + "-error"} data-testid={`error-${props.name}`}>
          {messages.join(" ")}
        </p>
      )}
    </div>
  );
}

export function FormErrors({ errors }: { errors?: FieldErrors | null }) {
  if (!errors || errors.general.length === 0) return null;
  return (
    <div role="alert" className="form-error">
      {errors.general.map((message, index) => (
        <p key={index}>{message}</p>
      ))}
    </div>
  );
}

export function Money({ value, signed }: { value: MoneyLike | null | undefined; signed?: boolean }) {
  return <span className="money">{formatMoney(value, { signed })}</span>;
}

export function Dialog(props: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal?.() ?? dialog.setAttribute("open", "");
    if (!props.open && dialog.open) dialog.close?.();
  }, [props.open]);
  const titleId = useId();
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={props.onClose} className="sheet">
      {props.open && (
        <>
          <h2 id={titleId}>{props.title}</h2>
          {props.children}
        </>
      )}
    </dialog>
  );
}

export function PaymentPasswordSheet(props: {
  open: boolean;
  busy?: boolean;
  errors?: FieldErrors | null;
  onCancel: () => void;
  onSubmit: (password: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <Dialog title={t("paymentPasswordTitle")} open={props.open} onClose={props.onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit(inputRef.current?.value ?? "");
        }}
      >
        <div className="field">
          <label htmlFor={id}>{t("paymentPassword")}</label>
          <input id={id} ref={inputRef} name="paymentPassword" type="password" inputMode="numeric" autoComplete="off" maxLength={6} />
          {props.errors?.fields.paymentPassword && <p className="field-error">{props.errors.fields.paymentPassword.join(" ")}</p>}
        </div>
        <FormErrors
          errors={
            props.errors && {
              fields: {},
              general: [
                ...props.errors.general,
                ...Object.entries(props.errors.fields)
                  .filter(([name]) => name !== "paymentPassword")
                  .flatMap(([, messages]) => messages),
              ],
            }
          }
        />
        <div className="row">
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t("cancel")}
          </button>
          <button type="submit" disabled={props.busy}>
            {t("confirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return <p aria-busy="true">{t("loading")}</p>;
}
