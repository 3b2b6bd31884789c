// `npm test`: every stage in order — type check, lint, unit tests, integration tests against the
// real Kafka broker, the real-Oracle suite (skips without ORACLE_TEST_URL), and Playwright in
// Debian's Chromium against a production build. Every stage runs even if an earlier one failed, and
// the last line sums them all: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'o2k-test-'));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };
const only = process.env.TEST_STAGES?.split(',').map((s) => s.trim());

const bin = (name) => path.join(root, 'node_modules/.bin', name);

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

function vitestStage(config) {
  return () => {
    const out = path.join(tmp, `${path.basename(config)}.json`);
    const code = run(bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
    if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0, note: `vitest exited ${code} without a report` };
    const r = JSON.parse(readFileSync(out, 'utf8'));
    const failedSuites = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    return {
      passed: r.numPassedTests,
      failed: r.numFailedTests + failedSuites + (code !== 0 && r.numFailedTests === 0 && failedSuites === 0 ? 1 : 0),
      skipped: r.numPendingTests + r.numTodoTests,
    };
  };
}

function checkStage(cmd, args) {
  return () => (run(cmd, args) === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });
}

function playwrightStage() {
  const out = path.join(tmp, 'playwright.json');
  const code = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0, note: `playwright exited ${code} without a report` };
  const s = JSON.parse(readFileSync(out, 'utf8')).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected + (code !== 0 && s.unexpected === 0 ? 1 : 0), skipped: s.skipped };
}

const stages = [
  ['typecheck', checkStage(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])],
  ['lint', checkStage(bin('eslint'), ['--max-warnings=0', '.'])],
  ['unit', vitestStage('vitest.config.mts')],
  ['integration', vitestStage('vitest.integration.config.mts')],
  ['oracle', vitestStage('vitest.oracle.config.mts')],
  ['e2e', playwrightStage],
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
for (const [name, stage] of stages) {
  if (only && !only.includes(name)) continue;
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const r = stage();
  rows.push([name, r, ((Date.now() - started) / 1000).toFixed(1)]);
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
}

console.log('\nstage         passed  failed  skipped  seconds');
for (const [name, r, secs] of rows) {
  console.log(`${name.padEnd(12)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${secs.padStart(7)}${r.note ? `  (${r.note})` : ''}`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
