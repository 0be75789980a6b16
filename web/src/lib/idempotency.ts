// Idempotency keys for money actions: a fresh key for each attempt the user makes, and the same
// key when that attempt is retried (a timeout, a dropped connection), so the server applies it
// once. An attempt ends when the server answered (done, or refused with userErrors the user
// must act on); the next submit is a new attempt with a new key.

export function newKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return "k-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
}

export class AttemptKeys {
  private current: { fingerprint: string; key: string } | null = null;

  constructor(private readonly generate: () => string = newKey) {}

  /** The key for submitting ``input``: the open attempt's when the same input is retried. */
  keyFor(input: unknown): string {
    const fingerprint = JSON.stringify(input);
    if (this.current && this.current.fingerprint === fingerprint) return this.current.key;
    this.current = { fingerprint, key: this.generate() };
    return this.current.key;
  }

  /** The server answered: the next submit is a new attempt. */
  finish(): void {
    this.current = null;
  }

  get pending(): string | null {
    return this.current?.key ?? null;
  }
}

/**
 * Run a money action with a key: retries the same key on a network failure (``retries`` times),
 * then leaves the attempt open so that the user's "retry" reuses it as well.
 */
export async function runAttempt<T>(
  keys: AttemptKeys,
  input: unknown,
  send: (key: string) => Promise<{ networkError?: unknown; data?: T }>,
  retries = 1,
): Promise<{ networkError?: unknown; data?: T }> {
  const key = keys.keyFor(input);
  let result = await send(key);
  for (let attempt = 0; attempt < retries && result.networkError; attempt++) {
    result = await send(key);
  }
  if (!result.networkError) keys.finish();
  return result;
}
