// Helpers for host tests: Rill's activated API, and waiting for conditions inside the host.
import * as vscode from 'vscode';
import type { RillApi } from '../../src/extension';

export const RILL_ID = 'rill.rill';

/** Rill's extension object; fails the test when it is not loaded. */
export function rillExtension(): vscode.Extension<RillApi> {
  const extension = vscode.extensions.getExtension<RillApi>(RILL_ID);
  if (!extension) throw new Error(`${RILL_ID} is not loaded in this extension host`);
  return extension;
}

/** Activates Rill (if VS Code has not already) and returns its API. */
export async function rillApi(): Promise<RillApi> {
  return rillExtension().activate();
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
