import { describe, expect, it } from 'vitest';
import { monitoringSchema } from '@/server/model/task-monitoring';
import { initialMonitoring, monitoringFromStored } from './monitoring-values';

describe('monitoring form values', () => {
  it('start with alerting and the heartbeat off (the DTS default)', () => {
    const m = initialMonitoring();
    expect(m.alerting.enabled).toBe(false);
    expect(m.heartbeat.enabled).toBe(false);
    expect(monitoringSchema.parse(m)).toEqual(m);
  });

  it('never carry a stored webhook secret back into the form', () => {
    const m = monitoringFromStored({ alerting: { enabled: true, webhooks: [{ url: 'https://hooks.example.com/o2k', secret: 'set' }], emails: ['dba@example.com'] } });
    expect(m.alerting.webhooks).toEqual([{ url: 'https://hooks.example.com/o2k', secret: '' }]);
    expect(m.alerting.emails).toEqual(['dba@example.com']);
    expect(m.alerting.enabled).toBe(true);
  });

  it('fall back to the defaults for settings that no longer parse', () => {
    expect(monitoringFromStored({ heartbeat: { intervalSeconds: -1 } })).toEqual(initialMonitoring());
    expect(monitoringFromStored(undefined)).toEqual(initialMonitoring());
  });
});
