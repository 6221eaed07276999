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

/** A headless Chromium, closed on SIGINT / SIGTERM as well as by its owner. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = await ensureChromium();
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true, timeout: 60_000 });
  const remove = onInterrupt(() => {
    // playwright kills its browser process when this process exits; closing here is best effort.
    void browser.close().catch(() => undefined);
  });
  browser.once('disconnected', remove);
  return browser;
}
