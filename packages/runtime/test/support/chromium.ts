// Debian's Chromium for browser tests, driven by playwright-core. The test setup installs it with
// apt-get when it is missing (a fresh machine has only Node and npm); playwright's own browser
// download does not work on these machines.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which the
// machine's closed network refuses.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'ignore', env });
  } catch (error) {
    throw new Error(`Chromium is missing and "apt-get install -y chromium" failed: ${(error as Error).message}`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is not there`);
  return CHROMIUM;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: ARGS });
}
