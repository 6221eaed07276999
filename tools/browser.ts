// Debian's Chromium driven by playwright-core (playwright's own browser downloads cannot work here).
import { type Browser, chromium } from 'playwright-core';
import { ensureChromium } from './debian';
import { onInterrupt } from './processes';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium, closed on SIGINT / SIGTERM / SIGHUP as well as by its owner. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = await ensureChromium();
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
    headless: true,
    timeout: 60_000,
    // The harness stops on signals itself (processes.ts); playwright's own SIGINT handler would
    // exit the process before the cleanups (logs, temp dirs) have run.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  // playwright also kills its browser process when this process exits.
  const remove = onInterrupt(() => browser.close().catch(() => undefined));
  browser.once('disconnected', remove);
  return browser;
}
