import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sourceDestinationStepSchema } from '../../model/task-draft';

/** Monitoring and Alerting saved on the task page: validated with the wizard's schema, webhook secrets write-only and encrypted. */
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-alert-settings-'));
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');
delete process.env.DATABASE_URL;

const { saveDraft, loadTaskForConnectors, getTask } = await import('../../store/task-repository');
const { getDb } = await import('../../store/db');
const { getMonitoringSettings, saveMonitoringSettings } = await import('./alert-settings');
const { ConfigValidationError } = await import('../../model/wizard-sections');

async function task(): Promise<string> {
  const step = sourceDestinationStepSchema.parse({
    name: 'alerts-settings',
    source: { host: 'x.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers: '127.0.0.1:9092', topic: 't' },
  });
  return (await saveDraft(step)).id;
}

const HOOK = 'https://hooks.example.com/o2k';

describe('Monitoring and Alerting on the task page', () => {
  it('keeps webhook secrets encrypted and write-only; a blank secret keeps the stored one', async () => {
    const id = await task();
    await saveMonitoringSettings(id, { alerting: { enabled: true, webhooks: [{ url: HOOK, secret: 'whsec-1' }], emails: ['dba@example.com'] }, transactionRetentionMinutes: '15' });
    const viewed = await getMonitoringSettings(id);
    expect(viewed.alerting.webhooks).toEqual([{ url: HOOK, secret: 'set' }]);
    expect(viewed.transactionRetentionMinutes).toBe(15);
    expect(JSON.stringify(await getTask(id))).not.toContain('whsec-1');
    const row = await (await getDb()).task.findUniqueOrThrow({ where: { id } });
    expect(row.config).not.toContain('whsec-1');
    expect((await loadTaskForConnectors(id)).monitoring).toMatchObject({ alerting: { webhooks: [{ url: HOOK, secret: 'whsec-1' }] } });

    // Saved again from the form (secret blank): the stored secret stays.
    await saveMonitoringSettings(id, { ...viewed, alerting: { ...viewed.alerting, webhooks: [{ url: HOOK, secret: '' }], rules: { ...viewed.alerting.rules, latency: { enabled: true, seconds: 30, minutes: 2 } } } });
    const again = await loadTaskForConnectors(id);
    expect(again.monitoring).toMatchObject({ alerting: { webhooks: [{ url: HOOK, secret: 'whsec-1' }], rules: { latency: { seconds: 30, minutes: 2 } } } });
  });

  it('refuses bad values with the field path and a message that says how to fix them', async () => {
    const id = await task();
    const err = await saveMonitoringSettings(id, { alerting: { enabled: true, webhooks: [{ url: 'hooks.example.com', secret: '' }], rules: { latency: { seconds: '0' } } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigValidationError);
    const issues = (err as InstanceType<typeof ConfigValidationError>).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'monitoring.alerting.rules.latency.seconds', message: 'Latency above (seconds) must be a number from 1 to 86,400; enter a value in that range.' },
        expect.objectContaining({ path: 'monitoring.alerting.webhooks.0.url' }),
      ]),
    );
  });

  it('cannot change a released task', async () => {
    const id = await task();
    await (await getDb()).task.update({ where: { id }, data: { status: 'Released' } });
    await expect(saveMonitoringSettings(id, {})).rejects.toThrow(/released; its alerting can no longer change/);
  });
});
