// The test stages `npm test` and `npm run test:repeat` run, each reporting
//   { passed, failed, skipped, failures: [{ name, message }], note? }
// read from the runner's own JSON report (vitest's json reporter, Playwright's json reporter), so a
// repeat run can say which test failed and why, not only that a stage was red.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const STAGE_NAMES = ['typecheck', 'lint', 'unit', 'integration', 'oracle', 'e2e'];

const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  return r.status ?? 1;
}

/** First lines of a failure message, without colour codes, so a table of failures stays readable. */
function shortMessage(text) {
  const plain = String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n').slice(0, 6).join('\n').trim();
}

function vitestStage(config) {
  return ({ env, tmp }) => {
    const out = path.join(tmp, `${path.basename(config)}-${Date.now()}.json`);
    const code = run(bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
    if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0, failures: [{ name: config, message: `vitest exited ${code} without a report` }], note: `vitest exited ${code} without a report` };
    const r = JSON.parse(readFileSync(out, 'utf8'));
    const failures = [];
    for (const file of r.testResults ?? []) {
      const rel = path.relative(ROOT, file.name ?? '');
      const asserts = file.assertionResults ?? [];
      if (file.status === 'failed' && asserts.length === 0) failures.push({ name: rel, message: shortMessage(file.message) });
      for (const a of asserts) if (a.status === 'failed') failures.push({ name: `${rel} > ${a.fullName}`, message: shortMessage((a.failureMessages ?? []).join('\n')) });
    }
    const failedSuites = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    const unexplained = code !== 0 && failures.length === 0;
    if (unexplained) failures.push({ name: config, message: `vitest exited ${code} with every test passing (an error outside the tests?)` });
    return {
      passed: r.numPassedTests,
      failed: r.numFailedTests + failedSuites + (unexplained ? 1 : 0),
      skipped: r.numPendingTests + r.numTodoTests,
      failures,
    };
  };
}

function checkStage(cmd, args) {
  return ({ env }) => (run(cmd, args, env) === 0 ? { passed: 1, failed: 0, skipped: 0, failures: [] } : { passed: 0, failed: 1, skipped: 0, failures: [{ name: path.basename(cmd), message: 'see the output above' }] });
}

function playwrightFailures(suites, trail, out) {
  for (const s of suites ?? []) {
    const here = s.title ? [...trail, s.title] : trail;
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const bad = (t.results ?? []).filter((x) => x.status !== 'passed' && x.status !== 'skipped');
        if (bad.length > 0 && t.status !== 'expected' && t.status !== 'skipped') {
          out.push({ name: [...here, spec.title].join(' > '), message: shortMessage(bad.map((x) => x.error?.message ?? x.status).join('\n')) });
        }
      }
    }
    playwrightFailures(s.suites, here, out);
  }
  return out;
}

function playwrightStage({ env, tmp }) {
  const out = path.join(tmp, `playwright-${Date.now()}.json`);
  const code = run(bin('playwright'), ['test', '--reporter=list,json'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  if (!existsSync(out)) return { passed: 0, failed: 1, skipped: 0, failures: [{ name: 'playwright', message: `exited ${code} without a report` }], note: `playwright exited ${code} without a report` };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const s = report.stats;
  const failures = playwrightFailures(report.suites, [], []);
  for (const e of report.errors ?? []) failures.push({ name: 'playwright (outside a test)', message: shortMessage(e.message) });
  const unexplained = code !== 0 && s.unexpected === 0;
  if (unexplained && failures.length === 0) failures.push({ name: 'playwright', message: `exited ${code} with no failed test` });
  return { passed: s.expected + s.flaky, failed: s.unexpected + (unexplained ? 1 : 0), skipped: s.skipped, failures };
}

export const STAGES = {
  typecheck: checkStage(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
  lint: checkStage(bin('eslint'), ['--max-warnings=0', '.']),
  unit: vitestStage('vitest.config.mts'),
  integration: vitestStage('vitest.integration.config.mts'),
  oracle: vitestStage('vitest.oracle.config.mts'),
  e2e: playwrightStage,
};

export function baseEnv() {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };
}
