import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/kafka/kafka.mjs';
import { createTopic, kafka, plaintextDestination, uniqueTopic } from './kafka-env';
import { consumeAll } from './engine-support/consume';
import type { ChangeEvent } from '../../server/model/change-event';
import type { ColumnMeta } from '../../server/model/oracle-types';
import { createFormat } from '../../server/formats';
import { createKafka } from '../../server/kafka/client';

/**
 * The headless CLI as a DBA scripts it: validate, precheck, run (against the built-in demo
 * source, host "demo-oracle.sim"), status, verify — the same task JSON the API takes.
 */
const exec = promisify(execFile);
const bin = path.join(REPO_ROOT, 'bin', 'ora2kafka.mjs');

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await exec(process.execPath, [bin, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('ora2kafka CLI', () => {
  it('validates, prechecks, runs and reports status with one task file', { timeout: 180_000 }, async () => {
    const topic = uniqueTopic('eng-cli');
    await createTopic(topic, 2);
    const dir = mkdtempSync(path.join(tmpdir(), 'o2k-cli-'));
    const file = path.join(dir, 'task.json');
    const env = { ORA2KAFKA_DATA_DIR: dir, DEMO_PW: 'dts_sync', O2K_CK: uniqueTopic('eng-cli-ck') };
    writeFileSync(
      file,
      JSON.stringify({
        name: 'cli_demo',
        source: { host: 'demo-oracle.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'env:DEMO_PW' },
        destination: { brokers: kafka().plaintext, topic },
        migrationTypes: { schema: false, full: true, incremental: true },
        objects: { schemas: [{ name: 'HR', tables: [{ name: 'REGIONS' }, { name: 'COUNTRIES' }, { name: 'JOBS', filter: 'MIN_SALARY >= 4000' }] }] },
      }),
    );

    const v = await cli(['validate', file], env);
    expect(v.out).toMatch(/is a valid task; it runs as cli-cli_demo-[0-9a-f]{8}/);

    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'x',
        source: { host: 'h', database: 'ORCL', user: 'u', password: 'env:NOT_SET_ANYWHERE' },
        destination: { brokers: 'k:9092', topic: 't' },
        objects: { schemas: [] },
        advanced: { connectRetryMinutes: 30, otherRetryMinutes: 40 },
      }),
    );
    const missing = await cli(['validate', bad], env);
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/source\.password: environment variable NOT_SET_ANYWHERE is not set/);
    const b = await cli(['validate', bad], { ...env, NOT_SET_ANYWHERE: 'x' });
    expect(b.code).toBe(2);
    expect(b.out).toMatch(/advanced\.otherRetryMinutes: .* must be less than Retry Time for Failed Connections/);
    expect(b.out).toMatch(/objects\.schemas: Select at least one schema or table/);

    const p = await cli(['precheck', file], env);
    expect(p.out).toMatch(/PASS {2}SOURCE_CONNECTIVITY/);
    expect(p.out).toMatch(/PASS {2}DEST_CONNECTIVITY +Kafka cluster .*\(2 partitions\)/);
    expect(p.out).toMatch(/PASS {2}ROW_FILTER/);

    const run = await cli(['run', file, '--exit-when-caught-up', '--checkpoint-topic', env.O2K_CK], env);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/status +Migrating/);
    expect(run.out).toMatch(/Full data migration finished/);
    expect(run.out).toMatch(/status +Paused: stopped/);
    const records = await consumeAll(plaintextDestination(topic), topic);
    // 4 regions + 12 countries + the jobs with MIN_SALARY >= 4000 (15 of 19)
    expect(records.length).toBe(4 + 12 + 15);

    const s = await cli(['status', file, '--checkpoint-topic', env.O2K_CK], env);
    expect(s.out).toMatch(/Paused \(stopped\)/);
    expect(s.out).toMatch(/checkpoint +incremental; finished: full; 31 records; mining from SCN \d+/);

    // The topic equals the source, the row filter applied as the task applies it.
    const ok = await cli(['verify', file, '--checkpoint-topic', env.O2K_CK], env);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/verified at SCN \d+ \(31 records read from .*\): passed/);
    expect(ok.out).toMatch(/HR\.JOBS +verified +15 source rows, 15 in Kafka: 15 equal, 0 missing, 0 extra, 0 different/);
    // Another producer writes a different value for region 3: exit code 1, exactly that key.
    const scn = BigInt(/verified at SCN (\d+)/.exec(ok.out)![1]!);
    const col = (name: string, type: 'NUMBER' | 'VARCHAR2'): ColumnMeta => ({ name, type, dataLength: 22, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null });
    const forged: ChangeEvent = { op: 'UPDATE', owner: 'HR', table: 'REGIONS', columns: [col('REGION_ID', 'NUMBER'), col('REGION_NAME', 'VARCHAR2')], primaryKey: ['REGION_ID'], uniqueKeys: [], before: ['3', 'Asia'], after: ['3', 'Asia Pacific'], scn, commitScn: scn, txId: 'FFFF00000000FFFF', seqInTx: 1, txSize: 1, commitTimeMs: Date.now() };
    const msg = createFormat({ name: 'dts-avro', sourceVersion: '19.0.0.0.0' }).encode(forged, { recordId: 1 });
    const producer = createKafka(plaintextDestination(topic)).producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: msg.key, value: msg.value }] });
    await producer.disconnect();
    const diff = await cli(['verify', file, '--checkpoint-topic', env.O2K_CK, '--scn', String(scn)], env);
    expect(diff.code, diff.out).toBe(1);
    expect(diff.out).toMatch(/HR\.REGIONS +differences +4 source rows, 4 in Kafka: 3 equal, 0 missing, 0 extra, 1 different/);
    expect(diff.out).toMatch(/different 3: REGION_NAME source "Asia" kafka "Asia Pacific"/);
    expect(diff.out).toMatch(/HR\.JOBS +verified/);

    const late = await cli(['verify', file, '--checkpoint-topic', env.O2K_CK, '--scn', '99999999999999'], env);
    expect(late.code).toBe(1);
    expect(late.out).toMatch(/SCN 99999999999999 is past what the task has committed to Kafka/);
  });
});
