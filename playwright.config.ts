import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_ADMIN, E2E_BASE_URL, E2E_OPERATOR, E2E_PORT, storageStateOf } from './e2e/env';

/**
 * End-to-end tests drive Debian's Chromium (never a Playwright browser download) against a
 * production build served by scripts/serve.mjs (what `npm start` runs), with a throw-away data
 * folder so every run starts empty. Tests run signed in as the operator unless they choose another
 * user (e2e/env.ts, e2e/global-setup.ts).
 */
// A free port, chosen in e2e/env.ts (once: workers inherit it through the environment).
const port = E2E_PORT;
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
    baseURL: E2E_BASE_URL,
    storageState: storageStateOf(E2E_OPERATOR),
    headless: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    // E2E_SKIP_BUILD reuses the last build (npm run test:repeat builds once for all its runs).
    command: `${process.env.E2E_SKIP_BUILD ? '' : 'npx next build && '}node scripts/serve.mjs`,
    // The sign-in page answers 200 once the console is up (every other page redirects there).
    url: `${E2E_BASE_URL}/sign-in`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NEXT_DIST_DIR: '.next-e2e',
      HOST: '127.0.0.1',
      PORT: String(port),
      ORA2KAFKA_ADMIN_PASSWORD: E2E_ADMIN.password,
      // Every test signs in from 127.0.0.1: the per-address limit must not add their failures up.
      // The per-user limit keeps its default (5), and 06-access.spec.ts shows it kicking in.
      ORA2KAFKA_SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000',
      NEXT_TELEMETRY_DISABLED: '1',
      ORA2KAFKA_DATA_DIR: dataDir,
      ORA2KAFKA_SECRET_KEY: '5f'.repeat(32),
      // Demo mode offers the built-in Oracle simulator as a source (the broker address is typed in by the tests).
      ORA2KAFKA_DEMO: '1',
      // The demo workload's long transactions stay open 3 s (20 s in `npm run demo`): tests that wait
      // for a checkpoint or a long-open-transaction alert are not held up by them.
      ORA2KAFKA_DEMO_LONG_TX_SECONDS: '3',
    },
  },
});
