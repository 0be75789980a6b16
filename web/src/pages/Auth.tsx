// Sign in and register: every invalid field at once, each beside its field.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { LoginDocument, RegisterDocument } from "../api/customer";
import { Field, FormErrors } from "../components/ui";
import { changeLanguage } from "../i18n";
import { useMutationForm } from "../lib/useMutationForm";
import { useSession } from "../session";

const FIELDS = ["email", "password", "displayName", "locale"] as const;

export function AuthPage({ mode }: { mode: "login" | "register" }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const login = useMutationForm(LoginDocument, (d) => d.login, FIELDS);
  const register = useMutationForm(RegisterDocument, (d) => d.register, FIELDS);
  const form = mode === "login" ? login : register;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (mode === "login") {
      const data = await login.submit({ input: { email, password } });
      const answer = data?.login;
      if (answer?.token && answer.refreshToken) {
        session.signIn({ token: answer.token, refreshToken: answer.refreshToken }, answer.user?.locale);
        const staff = answer.user?.roles.some((r) => r !== "CUSTOMER");
        navigate(staff ? "/staff" : "/");
      }
    } else {
      const data = await register.submit({
        input: { email, password, displayName: displayName || null, locale: i18n.language },
      });
      const answer = data?.register;
      if (answer?.token && answer.refreshToken) {
        session.signIn({ token: answer.token, refreshToken: answer.refreshToken }, answer.user?.locale);
        navigate("/onboarding");
      }
    }
  }

  return (
    <main id="main" className="auth">
      <h1>{t("appName")}</h1>
      <div className="row">
        <label>
          {t("language")}{" "}
          <select value={i18n.language} onChange={(e) => changeLanguage(e.target.value)} name="language">
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <form onSubmit={onSubmit} noValidate className="card">
        <h2>{mode === "login" ? t("signIn") : t("register")}</h2>
        <Field name="email" label={t("email")} type="email" value={email} onChange={setEmail} errors={form.errors ?? undefined} autoComplete="email" />
        <Field
          name="password"
          label={t("password")}
          type="password"
          value={password}
          onChange={setPassword}
          errors={form.errors ?? undefined}
          autoComplete={mode === "login" ? "current-password" : "new-password"}
        />
        {mode === "register" && (
          <Field name="displayName" label={t("displayName")} value={displayName} onChange={setDisplayName} errors={form.errors ?? undefined} />
        )}
        <FormErrors errors={form.errors} />
        <button type="submit" disabled={form.busy}>
          {mode === "login" ? t("signIn") : t("register")}
        </button>
      </form>
      <p>
        {mode === "login" ? <Link to="/register">{t("noAccount")}</Link> : <Link to="/login">{t("haveAccount")}</Link>}
      </p>
    </main>
  );
}
