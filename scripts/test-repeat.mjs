// `npm run test:repeat -- [stages] [N] [--burners K] [--fresh-clone]` runs test stages N times
// (default: the integration and e2e stages, 10 times) and reports every test that failed in any run,
// how often, and with which messages — the flakes CI would otherwise find one red run at a time.
//
//   npm run test:repeat -- integration,e2e 10              on an otherwise idle machine
//   npm run test:repeat -- integration,e2e 10 --burners 2  with two CPU burners beside it
//   npm run test:repeat -- all 10 --fresh-clone            ten CI runs: each clones the committed
//                                                          HEAD and runs `.ci/run` in the clone
//
// In place, the e2e stage builds the console once and reuses the build for the later runs
// (E2E_SKIP_BUILD). A fresh clone builds everything itself, as CI does; uncommitted changes are not
// in it. The report is also written to test-results/repeat-<time>.json.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, STAGE_NAMES, STAGES, baseEnv } from './test-stages.mjs';

const args = process.argv.slice(2);
const burnerAt = args.indexOf('--burners');
const burners = burnerAt >= 0 ? Number(args.splice(burnerAt, 2)[1]) : 0;
const freshAt = args.indexOf('--fresh-clone');
const freshClone = freshAt >= 0;
if (freshClone) args.splice(freshAt, 1);
const stageArg = args[0] ?? 'integration,e2e';
const stages = stageArg === 'all' ? STAGE_NAMES : stageArg.split(',').map((s) => s.trim());
const runs = Number(args[1] ?? 10);
for (const s of stages) if (!STAGE_NAMES.includes(s)) throw new Error(`Unknown stage "${s}"; stages are ${STAGE_NAMES.join(', ')} (or all)`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`The run count must be a positive whole number, got "${args[1]}"`);
if (!Number.isInteger(burners) || burners < 0) throw new Error('--burners takes a whole number of CPU burners (e.g. 2)');

// Each burner spins one core's worth of CPU until this script ends.
const burnerProcs = Array.from({ length: burners }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopBurners = () => burnerProcs.forEach((p) => p.kill('SIGKILL'));
process.on('exit', stopBurners);
// Stopped early (Ctrl-C, kill): the run in progress ends with the stage running then (its spawnSync
// holds the signal), is not counted — Ctrl-C reaches its test runner too — and the report covers the
// runs completed before it. A second signal ends the script at once. Either way the burners go.
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${sig}: stopping after the stage running now; the report covers the runs completed before this one.`);
  });
}
/** Lets a signal that came during a stage be handled before the next stage starts. */
const betweenStages = () => new Promise((resolve) => setImmediate(resolve));

const tmp = mkdtempSync(path.join(tmpdir(), 'o2k-repeat-'));

/** One run in this checkout: each stage in turn → [{ stage, result, seconds }]. */
async function runInPlace(i) {
  const results = [];
  for (const stage of stages) {
    await betweenStages();
    if (stopping) break;
    console.log(`\n━━ run ${i}/${runs}: ${stage}${burners ? ` (${burners} CPU burners)` : ''} ━━`);
    const env = { ...baseEnv(), ...(stage === 'e2e' && i > 1 ? { E2E_SKIP_BUILD: '1' } : {}) };
    const t0 = Date.now();
    const result = STAGES[stage]({ env, tmp });
    results.push({ stage, result, seconds: (Date.now() - t0) / 1000 });
  }
  return results;
}

/** CI's environment: this one without what `npm run` added (npm_* settings, node_modules/.bin on PATH). */
function ciEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'INIT_CWD'));
  const added = (dir) => dir.endsWith(path.join('node_modules', '.bin')) || dir.includes('node-gyp-bin');
  env.PATH = (env.PATH ?? '').split(path.delimiter).filter((dir) => !added(dir)).join(path.delimiter);
  return { ...env, CI: 'true' };
}

/**
 * One CI run: a clone of the committed HEAD (with ../shared beside it when this checkout has one),
 * `CI=true bash .ci/run` with no stdin, and the stage results `npm test` writes to TEST_SUMMARY_FILE.
 * A clean run's clone is deleted; a failed one is kept for its logs.
 */
function runFreshClone(i) {
  const dir = mkdtempSync(path.join(tmpdir(), 'o2k-clone-'));
  const clone = path.join(dir, 'p');
  execFileSync('git', ['clone', '-q', ROOT, clone]);
  const shared = path.resolve(ROOT, '../shared');
  if (existsSync(shared)) symlinkSync(shared, path.join(dir, 'shared'));
  const commit = execFileSync('git', ['-C', clone, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  console.log(`\n━━ run ${i}/${runs}: .ci/run in a fresh clone of ${commit} (${clone})${burners ? ` (${burners} CPU burners)` : ''} ━━`);
  const summary = path.join(dir, 'summary.json');
  const t0 = Date.now();
  const env = { ...ciEnv(), TEST_STAGES: stages.join(','), TEST_SUMMARY_FILE: summary };
  const code = spawnSync('bash', ['.ci/run'], { cwd: clone, stdio: ['ignore', 'inherit', 'inherit'], env }).status ?? 1;
  const wall = (Date.now() - t0) / 1000;
  console.log(`run ${i}: .ci/run exited ${code} after ${wall.toFixed(0)} s`);
  if (!existsSync(summary)) {
    const message = `.ci/run exited ${code} before the tests reported (install or build failed?); the clone is kept in ${dir}`;
    return [{ stage: '.ci/run', result: { passed: 0, failed: 1, skipped: 0, failures: [{ name: '.ci/run', message }] }, seconds: wall }];
  }
  const results = JSON.parse(readFileSync(summary, 'utf8')).stages.map(({ name, seconds, ...result }) => ({ stage: name, result, seconds }));
  if (code === 0) rmSync(dir, { recursive: true, force: true });
  else console.log(`The clone stays in ${dir} for its logs.`);
  return [...results, { stage: '.ci/run', result: { passed: 0, failed: 0, skipped: 0, failures: [] }, seconds: wall }];
}

/** test name → { runs failed in, messages (distinct) } */
const failed = new Map();
const stageTimes = {};
const started = Date.now();
let completed = 0;
for (let i = 1; i <= runs; i++) {
  await betweenStages();
  if (stopping) break;
  const results = freshClone ? runFreshClone(i) : await runInPlace(i);
  await betweenStages();
  if (stopping) break;
  completed = i;
  for (const { stage, result: r, seconds } of results) {
    (stageTimes[stage] ??= []).push(seconds);
    for (const f of r.failures) {
      const key = `[${stage}] ${f.name}`;
      const entry = failed.get(key) ?? { runs: [], messages: [] };
      entry.runs.push(i);
      if (!entry.messages.includes(f.message)) entry.messages.push(f.message);
      failed.set(key, entry);
    }
    if (stage !== '.ci/run') console.log(`run ${i} ${stage}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  }
}
stopBurners();

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const how = [freshClone && 'each in a fresh clone', burners && `with ${burners} CPU burners`].filter(Boolean).join(', ');
const count = completed === runs ? `${runs} runs` : `${completed} of ${runs} runs (stopped early)`;
console.log(`\n━━ ${count} of ${stages.join(', ')}${how ? ` ${how}` : ''}, ${minutes} min ━━`);
for (const [s, t] of Object.entries(stageTimes)) {
  console.log(`${s.padEnd(12)} seconds per run: min ${Math.min(...t).toFixed(0)}, max ${Math.max(...t).toFixed(0)}`);
}
if (failed.size === 0) console.log('No test failed in any run.');
for (const [name, f] of failed) {
  console.log(`\nFAILED in ${f.runs.length}/${completed} runs (${f.runs.join(', ')}): ${name}`);
  for (const m of f.messages) console.log(`    ${m.replace(/\n/g, '\n    ')}`);
}
mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
const file = path.join(ROOT, 'test-results', `repeat-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ stages, runs: completed, requested: runs, burners, freshClone, minutes: Number(minutes), stageTimes, failed: Object.fromEntries(failed) }, null, 2));
console.log(`\nReport: ${path.relative(ROOT, file)}`);
process.exit(failed.size > 0 ? 1 : stopping ? 130 : 0);
