// Waiting for a condition with a deadline: the harness never sleeps and hopes.

export interface PollOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Says what was awaited, for the timeout error. */
  readonly what: string;
}

/** Calls `probe` until it returns a value other than undefined; rejects after the timeout. */
export async function pollFor<T>(probe: () => Promise<T | undefined> | T | undefined, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
