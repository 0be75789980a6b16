// Who is signed in: the tokens, the viewer (roles decide what the app shows; the server still
// enforces everything), sign-in/out.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { useQuery } from "urql";
import { ViewerDocument } from "./api/customer";
import type { ViewerQuery } from "./gql/graphql";
import { loadTokens, onTokens, saveTokens, type Tokens } from "./lib/auth";
import { resetLive } from "./lib/client";
import { changeLanguage } from "./i18n";

interface SessionValue {
  signedIn: boolean;
  viewer: NonNullable<ViewerQuery["me"]> | null;
  fetching: boolean;
  refetchViewer: () => void;
  signIn: (tokens: Tokens, locale?: string | null) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [tokens, setTokens] = useState(loadTokens);
  useEffect(() => onTokens(setTokens), []);
  const [{ data, fetching }, refetch] = useQuery({ query: ViewerDocument, pause: !tokens });
  const signIn = useCallback((next: Tokens, locale?: string | null) => {
    saveTokens(next);
    if (locale && !localStorage.getItem("robo.lang")) changeLanguage(locale);
    resetLive();
  }, []);
  const signOut = useCallback(() => {
    saveTokens(null);
    resetLive();
  }, []);
  const refetchViewer = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  const value: SessionValue = {
    signedIn: !!tokens,
    viewer: tokens ? data?.me ?? null : null,
    fetching: !!tokens && (fetching || data === undefined),
    refetchViewer,
    signIn,
    signOut,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
