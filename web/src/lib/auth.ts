// The session's tokens (localStorage, so a reload stays signed in) and the single-flight
// refresh: however many requests find the access token expired at once, one refreshToken
// request is made and every one of them waits for its answer.

export interface Tokens {
  token: string;
  refreshToken: string;
}

const KEY = "robo.tokens";
type Listener = (tokens: Tokens | null) => void;
const listeners = new Set<Listener>();

export function loadTokens(): Tokens | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

export function saveTokens(tokens: Tokens | null): void {
  if (tokens) localStorage.setItem(KEY, JSON.stringify(tokens));
  else localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener(tokens));
}

export function onTokens(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls ``refresh`` at most once at a time; concurrent callers share the same promise. */
export function singleFlight<T>(refresh: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    if (!inFlight) {
      inFlight = refresh().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  };
}

const DEVICE_KEY = "robo.deviceId";
const DEVICE_ID = /^[\x21-\x7e]{16,128}$/;

/** This browser's device id, sent as X-Device-Id: random, kept in localStorage, so that signing
 * in again from this browser is not slowed by the account-wide throttle that meets strangers'
 * guesses (the server keeps only its hash). Empty when storage is unavailable. */
export function deviceId(): string {
  try {
    const stored = localStorage.getItem(DEVICE_KEY);
    if (stored && DEVICE_ID.test(stored)) return stored;
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    const fresh = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem(DEVICE_KEY, fresh);
    return fresh;
  } catch {
    return "";
  }
}
