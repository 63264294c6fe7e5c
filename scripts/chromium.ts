// Launches Debian's chromium for the browser tests and the card gallery.
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium (apt-get install chromium), as the browser tests and the card gallery drive it; browsers are
 * never downloaded. The flags keep it quiet on a machine with a closed network.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
