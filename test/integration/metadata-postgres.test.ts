import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { freshPostgresDatabase } from '../support/postgres';

/**
 * The PostgreSQL metadata path (DATABASE_URL=postgresql://…): migrations applied at start-up and the
 * same repository behaviour as on SQLite, against an empty database of its own on the run's
 * throwaway PostgreSQL server (global-setup.ts).
 */
let url = '';
beforeAll(async () => {
  url = await freshPostgresDatabase('metadata');
});

describe('metadata store on PostgreSQL', () => {
  it('applies the migrations, stores a draft with encrypted passwords and reads progress rows back', async () => {
    process.env.DATABASE_URL = url;
    process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-pg-'));
    process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');
    const repo = await import('../../server/store/task-repository');
    const { getDb } = await import('../../server/store/db');
    const { sourceDestinationStepSchema } = await import('../../server/model/task-draft');
    const name = `pg-${Date.now()}`;
    const { id } = await repo.saveDraft(
      sourceDestinationStepSchema.parse({
        name,
        source: { host: 'db1', port: 1521, kind: 'sid', database: 'ORCL', user: 'dts', password: 'oracle-pw' },
        destination: { brokers: '127.0.0.1', topic: 'cdc' },
      }),
    );
    expect((await repo.listTasks()).find((t) => t.id === id)).toMatchObject({ name, status: 'NotStarted', source: 'db1:1521/ORCL' });
    expect((await repo.getTask(id)).config.source.password).toBe('set');
    expect((await repo.loadTaskSecrets(id)).sourcePassword).toBe('oracle-pw');

    const db = await getDb();
    const migrations = await db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations');
    expect(migrations.length).toBeGreaterThan(0);
    await db.taskPhase.create({ data: { taskId: id, phase: 'full', rowsDone: 12n } });
    expect((await db.taskPhase.findFirstOrThrow({ where: { taskId: id } })).rowsDone).toBe(12n);
    await repo.deleteTask(id);
  });

  it('keeps users, sessions, API tokens and audit entries (the access migration)', async () => {
    process.env.DATABASE_URL = url;
    const { createUser } = await import('../../server/auth/users');
    const { signIn } = await import('../../server/auth/sign-in');
    const { resolveSession } = await import('../../server/auth/sessions');
    const { createApiToken, resolveApiToken } = await import('../../server/auth/api-tokens');
    const { listAudit, recordAudit } = await import('../../server/auth/audit-log');
    const name = `pg-user-${Date.now()}`;
    await createUser({ username: name, role: 'operator', password: 'pg-user-password', mustChangePassword: false });
    const s = await signIn({ username: name, password: 'pg-user-password' }, '127.0.0.1');
    expect(await resolveSession(s.token)).toMatchObject({ username: name, role: 'operator' });
    const t = await createApiToken({ name, role: 'viewer', expiresInDays: 1 }, name);
    expect(await resolveApiToken(t.token)).toMatchObject({ name, role: 'viewer' });
    await recordAudit({ actorKind: 'user', actorName: name, role: 'operator', procedure: 'task.start', taskId: 'o2k-pg', clientAddress: '127.0.0.1', outcome: 'ok', detail: null });
    expect((await listAudit({ actor: name, limit: 10 })).entries.map((e) => e.procedure)).toEqual(['task.start']);
  });

  it('keeps saved instances with encrypted passwords and the precheck ignore flag (the saved_instances migration)', async () => {
    process.env.DATABASE_URL = url;
    const { saveInstance, listInstances, storedOracleInstance, deleteInstance } = await import('../../server/store/instance-repository');
    const { saveInstanceInputSchema } = await import('../../server/model/saved-instance');
    const name = `pg-inst-${Date.now()}`;
    const saved = await saveInstance(saveInstanceInputSchema.parse({ kind: 'oracle', name, settings: { host: 'db1', database: 'ORCL', user: 'dts', password: 'pg-inst-pw' } }), 'pg');
    expect((await listInstances('oracle')).find((i) => i.id === saved.id)).toMatchObject({ name, settings: { password: 'set' } });
    expect((await storedOracleInstance(saved.id)).settings.password).toMatch(/^enc:v1:/);
    const db = await getDbForTest();
    const columns = await db.$queryRawUnsafe<{ column_name: string }[]>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'PrecheckItem' AND column_name = 'ignoreNext'`);
    expect(columns).toHaveLength(1);
    await deleteInstance(saved.id);
  });

  it("judges workers alive by the store's clock, not by the clocks of the machines that write or read the heartbeats", async () => {
    process.env.DATABASE_URL = url;
    const { getWorker, recordHeartbeat, registerWorker } = await import('../../server/store/worker-repository');
    const { storeNowMs } = await import('../../server/store/store-clock');
    const { listClusters } = await import('../../server/services/workers');
    const { getDb } = await import('../../server/store/db');
    const id = `w-skew-${Date.now()}`;
    const cluster = `skew-${Date.now()}`;
    const alive = async () => (await listClusters()).find((c) => c.cluster === cluster)!.workers.find((w) => w.id === id)!.alive;
    const TEN_MIN = 10 * 60_000;
    try {
      // A worker whose clock is ten minutes behind registers and beats...
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() - TEN_MIN);
      await registerWorker({ id, cluster, host: 'slow-clock', pid: 1, version: 'test', sessionTimeoutMs: 30_000 });
      await recordHeartbeat(id);
      vi.useRealTimers();
      // ...stamped by PostgreSQL's clock, and a console with the right time sees it alive.
      expect(Math.abs((await getWorker(id))!.heartbeatAt.getTime() - (await storeNowMs()))).toBeLessThan(10_000);
      expect(await alive()).toBe(true);
      // Silent for longer than its 30-s session: dead, also for a console whose clock is ten minutes behind.
      await (await getDb()).worker.update({ where: { id }, data: { heartbeatAt: new Date((await storeNowMs()) - 40_000) } });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() - TEN_MIN);
      expect(await alive()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

async function getDbForTest() {
  const { getDb } = await import('../../server/store/db');
  return getDb();
}
