// Routes: sign-in/register for visitors; the customer screens with a bottom navigation
// (mobile-first); the staff console, loaded lazily (its chunk is not in the initial bundle).
import { lazy, Suspense, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, NavLink, Route, Routes, useLocation } from "react-router-dom";
import { Loading } from "./components/ui";
import { AuthPage } from "./pages/Auth";
import { CataloguePage } from "./pages/Catalogue";
import { HistoryPage } from "./pages/History";
import { HomePage } from "./pages/Home";
import { NotificationsPage } from "./pages/Notifications";
import { OnboardingPage } from "./pages/Onboarding";
import { PlanPage } from "./pages/Plan";
import { ProductPage } from "./pages/Product";
import { QuestionnairePage } from "./pages/Questionnaire";
import { SettingsPage } from "./pages/Settings";
import { StatementsPage } from "./pages/Statements";
import { WalletPage } from "./pages/Wallet";
import { useSession } from "./session";

const StaffConsole = lazy(() => import("./pages/staff/StaffConsole"));

function CustomerLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a href="#main" className="skip">{t("skipToContent")}</a>
      <header className="top">
        <span className="brand">{t("appName")}</span>
      </header>
      {children}
      <nav className="bottom" aria-label={t("mainNav")}>
        <NavLink to="/" end>{t("navHome")}</NavLink>
        <NavLink to="/products">{t("navProducts")}</NavLink>
        <NavLink to="/plan">{t("navPlan")}</NavLink>
        <NavLink to="/wallet">{t("navWallet")}</NavLink>
        <NavLink to="/me">{t("navMe")}</NavLink>
      </nav>
    </div>
  );
}

function RequireSignIn({ children }: { children: ReactNode }) {
  const { signedIn } = useSession();
  const location = useLocation();
  if (!signedIn) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

export function App() {
  const customer = (page: ReactNode) => (
    <RequireSignIn>
      <CustomerLayout>{page}</CustomerLayout>
    </RequireSignIn>
  );
  return (
    <Routes>
      <Route path="/login" element={<AuthPage mode="login" />} />
      <Route path="/register" element={<AuthPage mode="register" />} />
      <Route path="/" element={customer(<HomePage />)} />
      <Route path="/onboarding" element={customer(<OnboardingPage />)} />
      <Route path="/questionnaire" element={customer(<QuestionnairePage />)} />
      <Route path="/products" element={customer(<CataloguePage />)} />
      <Route path="/products/:id" element={customer(<ProductPage />)} />
      <Route path="/plan" element={customer(<PlanPage />)} />
      <Route path="/wallet" element={customer(<WalletPage />)} />
      <Route path="/history" element={customer(<HistoryPage />)} />
      <Route path="/statements" element={customer(<StatementsPage />)} />
      <Route path="/notifications" element={customer(<NotificationsPage />)} />
      <Route path="/me" element={customer(<SettingsPage />)} />
      <Route
        path="/staff/*"
        element={
          <RequireSignIn>
            <Suspense fallback={<Loading />}>
              <StaffConsole />
            </Suspense>
          </RequireSignIn>
        }
      />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
