// The urql client: HTTP for queries and mutations, graphql-ws (graphql-transport-ws) for the
// subscriptions with the access token in connection_init; every request names its trusted
// document by SHA-256 (extensions.persistedQuery, as the server's ROBO_TRUSTED_DOCUMENTS mode
// wants) and still carries its text (for a server without the list). An UNAUTHENTICATED answer
// triggers one shared refresh, then the request is sent again once.
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import { Client, fetchExchange, makeOperation, mapExchange, subscriptionExchange } from "urql";
import { graphql } from "../gql";
import manifest from "../gql/persisted-documents.json";
import { deviceId, loadTokens, saveTokens, singleFlight, type Tokens } from "./auth";

const DOCUMENTS = manifest as Record<string, string>;

function hashByName(name: string): string | undefined {
  const pattern = new RegExp(`^(query|mutation|subscription) ${name}\\b`);
  return Object.keys(DOCUMENTS).find((hash) => pattern.test(DOCUMENTS[hash]));
}

const RefreshDocument = graphql(`
  mutation RefreshToken($input: RefreshTokenInput!) {
    refreshToken(input: $input) {
      token
      refreshToken
      userErrors { code message }
    }
  }
`);

let language = "zh-CN";
export function setRequestLanguage(lang: string): void {
  language = lang;
}

// The API: same origin when `robo serve` serves the app; `make dev-web` points Vite's dev server
// (another origin, allowed by ROBO_CORS_ORIGINS) at the API with VITE_API_URL.
export const apiBase: string = (import.meta.env.VITE_API_URL as string | undefined)?.replace(/\/$/, "") ?? "";
const graphqlUrl = `${apiBase}/graphql`;

function hashOf(document: unknown): string | undefined {
  const meta = (document as { __meta__?: { hash?: string } })?.__meta__;
  return meta?.hash;
}

function bodyFor(document: unknown, variables: unknown): string {
  const hash = hashOf(document);
  return JSON.stringify({
    query: hash ? DOCUMENTS[hash] : undefined,
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  });
}

/** A request body naming a trusted document by hash gets the document's text as well (the very
 * text of the manifest), so that a server without ROBO_TRUSTED_DOCUMENTS runs it too. */
export function withDocumentText(body: BodyInit | null | undefined): BodyInit | null | undefined {
  if (typeof FormData !== "undefined" && body instanceof FormData) {
    // a file upload (GraphQL multipart request): the request is the "operations" part
    const operations = body.get("operations");
    if (typeof operations === "string") body.set("operations", withDocumentText(operations) as string);
    return body;
  }
  if (typeof body !== "string") return body;
  try {
    const request = JSON.parse(body);
    let hash = request?.extensions?.persistedQuery?.sha256Hash;
    if (typeof hash !== "string" && typeof request?.operationName === "string") {
      hash = hashByName(request.operationName); // e.g. a multipart request, built without the extension
      if (hash) request.extensions = { ...request.extensions, persistedQuery: { version: 1, sha256Hash: hash } };
    }
    if (typeof hash === "string" && DOCUMENTS[hash]) request.query = DOCUMENTS[hash];
    return JSON.stringify(request);
  } catch {
    return body;
  }
}

async function refreshTokens(): Promise<boolean> {
  const tokens = loadTokens();
  if (!tokens) return false;
  try {
    const response = await fetch(graphqlUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": language, "X-Device-Id": deviceId() },
      body: bodyFor(RefreshDocument, { input: { refreshToken: tokens.refreshToken } }),
    });
    const json = await response.json();
    const answer = json?.data?.refreshToken;
    if (answer?.token && answer?.refreshToken) {
      saveTokens({ token: answer.token, refreshToken: answer.refreshToken });
      return true;
    }
    if (answer?.userErrors?.length) saveTokens(null); // the session has ended: sign in again
    return false;
  } catch {
    return false; // offline: keep the tokens for the next try
  }
}

export const refreshOnce = singleFlight(refreshTokens);

const REFRESH_CODES = new Set(["TOKEN_EXPIRED", "UNAUTHENTICATED"]);

/** Whether an answer says the access token was refused (expired): worth one refresh. */
export function tokenRefused(json: unknown): boolean {
  const errors = (json as { errors?: { extensions?: { code?: string } }[] })?.errors;
  return Array.isArray(errors) && errors.some((e) => REFRESH_CODES.has(e?.extensions?.code ?? ""));
}

function sessionEnded(json: unknown): boolean {
  const errors = (json as { errors?: { extensions?: { code?: string } }[] })?.errors;
  return Array.isArray(errors) && errors.some((e) => e?.extensions?.code === "TOKEN_REVOKED");
}

/** fetch with the bearer token, refreshing once (single-flight) when the token was refused. */
export async function authFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const send = (tokens: Tokens | null) => {
    const headers = new Headers(init.headers);
    headers.set("Accept-Language", language);
    const device = deviceId();
    if (device) headers.set("X-Device-Id", device);
    if (tokens) headers.set("Authorization", `Bearer ${tokens.token}`);
    return fetch(input, { ...init, headers, body: withDocumentText(init.body) });
  };
  const tokens = loadTokens();
  const response = await send(tokens);
  if (!tokens) return response;
  const clone = response.clone();
  let json: unknown = null;
  try {
    json = await clone.json();
  } catch {
    return response;
  }
  if (sessionEnded(json)) {
    saveTokens(null);
    return response;
  }
  if (response.status !== 401 && !tokenRefused(json)) return response;
  if (!(await refreshOnce())) return response;
  return send(loadTokens());
}

let wsClient: WsClient | null = null;

function ws(): WsClient {
  if (!wsClient) {
    const url = new URL(graphqlUrl, window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    wsClient = createWsClient({
      url: url.toString(),
      lazy: true,
      connectionParams: () => {
        const tokens = loadTokens();
        return tokens ? { Authorization: `Bearer ${tokens.token}` } : {};
      },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: {
        closed: (event) => {
          if ((event as CloseEvent)?.code === 4401) void refreshOnce();
        },
      },
    });
  }
  return wsClient;
}

/** Reconnect the live updates (after signing in or out, the token changed). */
export function resetLive(): void {
  wsClient?.terminate();
  wsClient = null;
}

export const client = new Client({
  url: graphqlUrl,
  fetch: authFetch,
  requestPolicy: "network-only",
  preferGetMethod: false, // the server takes POST only
  exchanges: [
    mapExchange({
      onOperation(operation) {
        const hash = hashOf(operation.query);
        if (!hash) return operation;
        return makeOperation(operation.kind, { ...operation, extensions: { ...operation.extensions, persistedQuery: { version: 1, sha256Hash: hash } } }, operation.context);
      },
    }),
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const hash = (request.extensions?.persistedQuery as { sha256Hash?: string } | undefined)?.sha256Hash;
        const input = { ...request, query: request.query || (hash ? DOCUMENTS[hash] : "") || "" };
        return {
          subscribe(sink) {
            const unsubscribe = ws().subscribe(input, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  ],
});
