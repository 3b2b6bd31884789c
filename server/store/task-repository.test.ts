import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceDestinationStepSchema } from '../model/task-draft';

// A private data folder and key for this file: the store creates and migrates its SQLite file there.
const dir = mkdtempSync(path.join(tmpdir(), 'o2k-store-'));
process.env.ORA2KAFKA_DATA_DIR = dir;
delete process.env.DATABASE_URL;
const key = randomBytes(32).toString('hex');
process.env.ORA2KAFKA_SECRET_KEY = key;

const repo = await import('./task-repository');
const { getDb } = await import('./db');

const step = sourceDestinationStepSchema.parse({
  name: 'hr-to-kafka',
  source: { host: 'db1', port: 1521, kind: 'sid', database: 'ORCL', user: 'dts', password: 'oracle-pw' },
  destination: { brokers: '127.0.0.1', topic: 'cdc', connectionMethod: 'scram-sha-256', username: 'alice', password: 'kafka-pw' },
});

describe('task repository', () => {
  beforeAll(async () => {
    await getDb();
  });

  it('creates the SQLite file and records the applied migrations', async () => {
    const db = await getDb();
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations');
    expect(rows.map((r) => r.migration_name)).toContain(readdirFirstMigration());
  });

  it('saves a draft with encrypted passwords and never returns them', async () => {
    const { id } = await repo.saveDraft(step);
    const list = await repo.listTasks();
    expect(list.find((t) => t.id === id)).toMatchObject({ name: 'hr-to-kafka', status: 'NotStarted', source: 'db1:1521/ORCL', destination: 'cdc @ 127.0.0.1:9092' });

    const view = await repo.getTask(id);
    expect(view.config.source.password).toBe('set');
    expect(view.config.destination.password).toBe('set');
    expect(JSON.stringify(view)).not.toMatch(/oracle-pw|kafka-pw/);

    // The database file and its write-ahead log together hold every stored byte.
    const raw = Buffer.concat(readdirSync(dir).filter((f) => f.startsWith('ora2kafka.db')).map((f) => readFileSync(path.join(dir, f))));
    expect(raw.includes(Buffer.from('hr-to-kafka'))).toBe(true);
    expect(raw.includes(Buffer.from('oracle-pw'))).toBe(false);
    expect(raw.includes(Buffer.from('kafka-pw'))).toBe(false);

    expect(await repo.loadTaskSecrets(id)).toEqual({ sourcePassword: 'oracle-pw', destinationPassword: 'kafka-pw' });
  });

  it('encrypts the TLS wallet password like the others and never returns it; blank keeps it', async () => {
    const tls = { ...step, source: { ...step.source, encryption: 'tls' as const, port: 2484, walletLocation: '/etc/o2k/wallet', walletPassword: 'wallet-pw' } };
    const { id } = await repo.saveDraft(tls);
    const view = await repo.getTask(id);
    expect(view.config.source).toMatchObject({ encryption: 'tls', walletLocation: '/etc/o2k/wallet', walletPassword: 'set' });
    expect(JSON.stringify(view)).not.toContain('wallet-pw');
    const raw = Buffer.concat(readdirSync(dir).filter((f) => f.startsWith('ora2kafka.db')).map((f) => readFileSync(path.join(dir, f))));
    expect(raw.includes(Buffer.from('wallet-pw'))).toBe(false);
    expect((await repo.loadTaskForConnectors(id)).source.walletPassword).toBe('wallet-pw');
    await repo.saveDraft({ ...tls, id, source: { ...tls.source, password: '', walletPassword: '' } });
    expect((await repo.loadTaskForConnectors(id)).source.walletPassword).toBe('wallet-pw');
  });

  it('keeps the stored password when an update leaves it blank', async () => {
    const { id } = await repo.saveDraft(step);
    await repo.saveDraft({ ...step, id, name: 'renamed', source: { ...step.source, password: '' } });
    expect((await repo.getTask(id)).name).toBe('renamed');
    expect((await repo.loadTaskSecrets(id)).sourcePassword).toBe('oracle-pw');
  });

  it('fails clearly when the secret key changed', async () => {
    const { id } = await repo.saveDraft(step);
    process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');
    try {
      await expect(repo.loadTaskSecrets(id)).rejects.toThrow(/cannot be decrypted with the current secret key/);
    } finally {
      process.env.ORA2KAFKA_SECRET_KEY = key;
    }
  });

  it('reports an unknown task as not found', async () => {
    await expect(repo.getTask('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

function readdirFirstMigration(): string {
  return readdirSync('prisma/migrations').filter((n) => /^\d/.test(n)).sort()[0];
}
