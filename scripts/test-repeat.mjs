// `npm run test:repeat -- [stages] [N] [--burners K]` runs test stages N times (default: the
// integration and e2e stages, 10 times) and reports every test that failed in any run, how often,
// and with which messages — the flakes CI would otherwise find one red run at a time.
//
//   npm run test:repeat -- integration,e2e 10              on an otherwise idle machine
//   npm run test:repeat -- integration,e2e 10 --burners 2  with two CPU burners beside it
//
// The e2e stage builds the console once and reuses the build for the later runs (E2E_SKIP_BUILD).
// The report is also written to test-results/repeat-<time>.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, STAGE_NAMES, STAGES, baseEnv } from './test-stages.mjs';

const args = process.argv.slice(2);
const burnerAt = args.indexOf('--burners');
const burners = burnerAt >= 0 ? Number(args.splice(burnerAt, 2)[1]) : 0;
const stages = (args[0] ?? 'integration,e2e').split(',').map((s) => s.trim());
const runs = Number(args[1] ?? 10);
for (const s of stages) if (!STAGE_NAMES.includes(s)) throw new Error(`Unknown stage "${s}"; stages are ${STAGE_NAMES.join(', ')}`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`The run count must be a positive whole number, got "${args[1]}"`);
if (!Number.isInteger(burners) || burners < 0) throw new Error('--burners takes a whole number of CPU burners (e.g. 2)');

// Each burner spins one core's worth of CPU until this script ends.
const burnerProcs = Array.from({ length: burners }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopBurners = () => burnerProcs.forEach((p) => p.kill('SIGKILL'));
process.on('exit', stopBurners);
// Stopped early (Ctrl-C, kill): the burners go too, once the stage running then has ended (its
// spawnSync holds the signal). Without a handler the signal ended this script and left them spinning.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const tmp = mkdtempSync(path.join(tmpdir(), 'o2k-repeat-'));
/** test name → { stage, runs failed in, messages (distinct) } */
const failed = new Map();
const stageTimes = Object.fromEntries(stages.map((s) => [s, []]));
const started = Date.now();
for (let i = 1; i <= runs; i++) {
  for (const stage of stages) {
    console.log(`\n━━ run ${i}/${runs}: ${stage}${burners ? ` (${burners} CPU burners)` : ''} ━━`);
    const env = { ...baseEnv(), ...(stage === 'e2e' && i > 1 ? { E2E_SKIP_BUILD: '1' } : {}) };
    const t0 = Date.now();
    const r = STAGES[stage]({ env, tmp });
    stageTimes[stage].push((Date.now() - t0) / 1000);
    for (const f of r.failures) {
      const key = `[${stage}] ${f.name}`;
      const entry = failed.get(key) ?? { runs: [], messages: [] };
      entry.runs.push(i);
      if (!entry.messages.includes(f.message)) entry.messages.push(f.message);
      failed.set(key, entry);
    }
    console.log(`run ${i} ${stage}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  }
}
stopBurners();

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\n━━ ${runs} runs of ${stages.join(', ')}${burners ? ` with ${burners} CPU burners` : ''}, ${minutes} min ━━`);
for (const s of stages) {
  const t = stageTimes[s];
  console.log(`${s.padEnd(12)} seconds per run: min ${Math.min(...t).toFixed(0)}, max ${Math.max(...t).toFixed(0)}`);
}
if (failed.size === 0) console.log('No test failed in any run.');
for (const [name, f] of failed) {
  console.log(`\nFAILED in ${f.runs.length}/${runs} runs (${f.runs.join(', ')}): ${name}`);
  for (const m of f.messages) console.log(`    ${m.replace(/\n/g, '\n    ')}`);
}
mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
const file = path.join(ROOT, 'test-results', `repeat-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ stages, runs, burners, minutes: Number(minutes), stageTimes, failed: Object.fromEntries(failed) }, null, 2));
console.log(`\nReport: ${path.relative(ROOT, file)}`);
process.exit(failed.size > 0 ? 1 : 0);
