// Bundles a test fixture for the browser with Vite (one IIFE script, no Node modules), so the same
// code can run in Chromium and its output be compared with Node's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/** The script text of `entry` bundled for a page. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'dockyard-browser-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: { outDir, minify: false, emptyOutDir: true, lib: { entry, formats: ['iife'], name: 'fixture', fileName: () => 'fixture.js' } },
    });
    return readFileSync(join(outDir, 'fixture.js'), 'utf8');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
