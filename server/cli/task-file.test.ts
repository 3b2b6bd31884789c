import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './main';
import { cliTaskId, readTaskFile, TaskFileError } from './task-file';

const dir = mkdtempSync(path.join(tmpdir(), 'o2k-taskfile-'));
function file(content: unknown): string {
  const f = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}
const task = {
  name: 'hr',
  source: { host: 'db1', database: 'ORCL', user: 'DTS', password: 'env:ORA_PW' },
  destination: { brokers: 'k1:9092', topic: 'oracle.hr', password: 'plain' },
  objects: { schemas: [{ name: 'HR', all: true }] },
};

describe('readTaskFile', () => {
  it('reads env: passwords from the environment', () => {
    const c = readTaskFile(file(task), { ORA_PW: 's3cret' });
    expect(c.source.password).toBe('s3cret');
    expect(c.destination.password).toBe('plain');
  });

  it('names a missing variable, bad JSON and schema issues with their fields', () => {
    expect(() => readTaskFile(file(task), {})).toThrow(/source\.password: environment variable ORA_PW is not set/);
    expect(() => readTaskFile(file('{ nope'), {})).toThrow(TaskFileError);
    expect(() => readTaskFile(file({ ...task, advanced: { chunkSize: 1 } }), { ORA_PW: 'x' })).toThrow(/advanced\.chunkSize: /);
  });
});

describe('cliTaskId', () => {
  it('is stable for a task and differs across sources and topics', () => {
    const a = readTaskFile(file(task), { ORA_PW: 'x' });
    const b = readTaskFile(file({ ...task, destination: { ...task.destination, topic: 'other' } }), { ORA_PW: 'x' });
    expect(cliTaskId(a)).toBe(cliTaskId(readTaskFile(file(task), { ORA_PW: 'y' })));
    expect(cliTaskId(a)).not.toBe(cliTaskId(b));
    expect(cliTaskId(a)).toMatch(/^cli-hr-[0-9a-f]{8}$/);
    expect(cliTaskId(a, 'given')).toBe('given');
  });
});

describe('parseArgs', () => {
  it('reads the command, the file and flags', () => {
    expect(parseArgs(['run', 't.json', '--task-id', 'x', '--json', '--checkpoint-topic=ck'])).toEqual({ command: 'run', file: 't.json', flags: { 'task-id': 'x', json: true, 'checkpoint-topic': 'ck' }, rest: ['t.json'] });
    expect(parseArgs([])).toEqual({ command: 'help', file: undefined, flags: {}, rest: [] });
    expect(parseArgs(['console', 'pause', 'o2k-1', '--url', 'https://o2k.example.com'])).toEqual({ command: 'console', file: 'pause', flags: { url: 'https://o2k.example.com' }, rest: ['pause', 'o2k-1'] });
  });
});
