// Settings: language (saved to the profile so messages follow), sessions, sign out; links to
// the other "me" screens.
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { LogoutDocument, RevokeSessionDocument, SessionsDocument, UpdateProfileDocument } from "../api/customer";
import { Loading } from "../components/ui";
import { changeLanguage } from "../i18n";
import { useSession } from "../session";

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [{ data }, refetch] = useQuery({ query: SessionsDocument });
  const [, revoke] = useMutation(RevokeSessionDocument);
  const [, logout] = useMutation(LogoutDocument);
  const [, updateProfile] = useMutation(UpdateProfileDocument);
  return (
    <main id="main">
      <h1>{t("me")}</h1>
      <nav className="card links" aria-label={t("me")}>
        <Link to="/onboarding">{t("onboardingTitle")}</Link>
        <Link to="/questionnaire">{t("questionnaire")}</Link>
        <Link to="/history">{t("history")}</Link>
        <Link to="/statements">{t("statements")}</Link>
        <Link to="/notifications">{t("notifications")}</Link>
        {session.viewer?.roles.some((r) => r !== "CUSTOMER") && <Link to="/staff">{t("navStaff")}</Link>}
      </nav>
      <section className="card">
        <h2>{t("settings")}</h2>
        <div className="field">
          <label htmlFor="lang">{t("language")}</label>
          <select
            id="lang"
            value={i18n.language}
            onChange={async (e) => {
              const lang = e.target.value;
              changeLanguage(lang);
              await updateProfile({ input: { locale: lang } });
            }}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </div>
      </section>
      <section className="card">
        <h2>{t("sessions")}</h2>
        {!data && <Loading />}
        <ul className="list">
          {data?.me?.sessions?.map((s) => (
            <li key={s.id}>
              <span>{s.userAgent?.slice(0, 40) ?? "—"} {s.current && <strong>({t("thisDevice")})</strong>}</span>
              <small>{s.lastUsedAt.slice(0, 16).replace("T", " ")}</small>
              {!s.current && (
                <button
                  className="small secondary"
                  onClick={async () => {
                    await revoke({ id: s.id });
                    refetch({ requestPolicy: "network-only" });
                  }}
                >
                  {t("revoke")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      <button
        className="secondary"
        onClick={async () => {
          await logout({});
          session.signOut();
          navigate("/login");
        }}
      >
        {t("signOut")}
      </button>
    </main>
  );
}
