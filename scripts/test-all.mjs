// `npm test`: every stage in order — type check, lint, unit tests, integration tests against the
// real Kafka broker, the real-Oracle suite (skips without ORACLE_TEST_URL), and Playwright in
// Debian's Chromium against a production build. Every stage runs even if an earlier one failed, and
// the last line sums them all: "N passed, N failed, N skipped".
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { STAGE_NAMES, STAGES, baseEnv } from './test-stages.mjs';

const tmp = mkdtempSync(path.join(tmpdir(), 'o2k-test-'));
const env = baseEnv();
const only = process.env.TEST_STAGES?.split(',').map((s) => s.trim());

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
const failures = [];
for (const name of STAGE_NAMES) {
  if (only && !only.includes(name)) continue;
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const r = STAGES[name]({ env, tmp });
  rows.push([name, r, ((Date.now() - started) / 1000).toFixed(1)]);
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  for (const f of r.failures) failures.push(`[${name}] ${f.name}\n    ${f.message.replace(/\n/g, '\n    ')}`);
}

if (failures.length > 0) console.log(`\nFailed:\n${failures.join('\n')}`);
console.log('\nstage         passed  failed  skipped  seconds');
for (const [name, r, secs] of rows) {
  console.log(`${name.padEnd(12)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${secs.padStart(7)}${r.note ? `  (${r.note})` : ''}`);
}
// For `npm run test:repeat -- … --fresh-clone`, which reads each stage's failures from here.
if (process.env.TEST_SUMMARY_FILE) {
  const summary = rows.map(([name, r, secs]) => ({ name, ...r, seconds: Number(secs) }));
  writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify({ stages: summary }, null, 2));
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
