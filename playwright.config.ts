import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * End-to-end tests drive Debian's Chromium (never a Playwright browser download) against a
 * production build served by `next start`, with a throw-away data folder so every run starts empty.
 */
// A free port (chosen once: workers inherit it through the environment, as the data folder), so two
// checkouts can run their browser tests side by side.
process.env.E2E_PORT ??= execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./scripts/kafka/kafka.mjs'); console.log(await m.freePort())"], { cwd: import.meta.dirname, encoding: 'utf8' }).trim();
const port = Number(process.env.E2E_PORT);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'o2k-e2e-'));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    // E2E_SKIP_BUILD reuses the last build (npm run test:repeat builds once for all its runs).
    command: `${process.env.E2E_SKIP_BUILD ? '' : 'npx next build && '}npx next start -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/tasks`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NEXT_DIST_DIR: '.next-e2e',
      NEXT_TELEMETRY_DISABLED: '1',
      ORA2KAFKA_DATA_DIR: dataDir,
      ORA2KAFKA_SECRET_KEY: '5f'.repeat(32),
      // Demo mode offers the built-in Oracle simulator as a source (the broker address is typed in by the tests).
      ORA2KAFKA_DEMO: '1',
    },
  },
});
