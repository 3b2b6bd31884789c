import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTaskFile } from '@/server/cli/task-file';
import { taskConfigSchema } from '@/server/model/task-config';
import { cliCommand, curlCommand, MASK, taskFileName, taskRequestJson, type StoredTask } from './api-call';

/** A task as task.get returns it: passwords as set / not set, a filter full of shell characters. */
const stored: StoredTask = {
  name: 'hr to kafka $HOME',
  config: {
    name: 'ignored: the task name wins',
    source: { host: 'db1.example.com', port: 1521, kind: 'sid', database: 'ORCL', user: 'DTS', password: 'set', walletPassword: 'not set', pdb: '', encryption: 'none', walletLocation: '', serverDnMatch: true, serverCertDn: '', racNodes: [] },
    destination: { brokers: ['10.0.0.5:9092'], port: 9092, kafkaVersion: '4.x', connectionMethod: 'scram-sha-256', username: 'dts', password: 'set', tls: false, caPem: '', topic: 'oracle.hr', ddlTopic: '', schemaRegistry: { enabled: false, url: '' } },
    migrationTypes: { schema: true, full: true, incremental: true },
    objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', filter: "LAST_NAME = 'O''Brien $x `y` \\z'" }] }], batchRules: [] },
    advanced: { connectRetryMinutes: 720, otherRetryMinutes: 10 },
    instanceClass: 'large',
    resourceGroup: 'team-a',
  },
};

const secrets = { ORACLE_PASSWORD: 'pa$$w`rd(1)', KAFKA_PASSWORD: "k'afka pw" };

describe('Preview API Call', () => {
  it('shows the request with every secret masked and nothing else changed', () => {
    const body = taskRequestJson(stored, 'mask');
    expect(Object.keys(body)).toEqual(['name', 'source', 'destination', 'migrationTypes', 'objects', 'advanced', 'instanceClass', 'resourceGroup']);
    expect(body).toMatchObject({ name: stored.name, source: { password: MASK, walletPassword: '' }, destination: { password: MASK }, resourceGroup: 'team-a' });
    expect(JSON.stringify(body)).not.toContain('"set"');
  });

  it('the curl command sends exactly that request, with the passwords from the environment (run by sh)', () => {
    const cmd = curlCommand(stored, 'http://127.0.0.1:3000');
    expect(cmd).toContain("curl -sS -X POST 'http://127.0.0.1:3000/api/trpc/task.create'");
    expect(cmd).toContain('-H "Authorization: Bearer $ORA2KAFKA_TOKEN"');
    // The here-document, as the shell expands it, is the tRPC envelope of the request.
    const doc = cmd.slice(cmd.indexOf('<<EOF\n') + 6, cmd.lastIndexOf('\nEOF'));
    const sent = execFileSync('sh', ['-c', `cat <<EOF\n${doc}\nEOF`], { env: { ...process.env, ...secrets }, encoding: 'utf8' });
    const json = JSON.parse(sent).json;
    expect(json).toEqual({ ...taskRequestJson(stored, 'mask'), source: { ...json.source, password: secrets.ORACLE_PASSWORD }, destination: { ...json.destination, password: secrets.KAFKA_PASSWORD } });
    expect(json.objects.schemas[0].tables[0].filter).toBe("LAST_NAME = 'O''Brien $x `y` \\z'");
    expect(json.name).toBe('hr to kafka $HOME');
  });

  it('the CLI command writes a task file the CLI reads back as the same task', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'o2k-api-call-'));
    const cmd = cliCommand(stored, 'http://127.0.0.1:3000');
    expect(cmd.split('\n').at(-1)).toBe(`npx ora2kafka console create '${taskFileName(stored)}' --url 'http://127.0.0.1:3000'`);
    // Everything but the last line (the console call) writes the file.
    execFileSync('sh', ['-c', cmd.split('\n').slice(0, -1).join('\n')], { cwd: dir, env: process.env });
    const file = path.join(dir, taskFileName(stored));
    const parsed = readTaskFile(file, secrets);
    const { resourceGroup: _rg, ...config } = taskRequestJson(stored, 'mask');
    const expected = taskConfigSchema.parse({ ...config, source: { ...stored.config.source, password: secrets.ORACLE_PASSWORD, walletPassword: '' }, destination: { ...stored.config.destination, password: secrets.KAFKA_PASSWORD } });
    expect(parsed).toEqual(expected);
  });
});
