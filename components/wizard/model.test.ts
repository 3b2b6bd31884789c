import { describe, expect, it } from 'vitest';
import { taskConfigSchema } from '@/server/model/task-config';
import { sectionIssues } from '@/server/model/wizard-sections';
import { buildSection, buildTaskConfig, errorsUnder, initialValues, stepIndex, valuesFromTask, type WizardValues } from './model';

function filled(over: Partial<WizardValues> = {}): WizardValues {
  const v = initialValues(new Date(2026, 0, 2, 3, 4));
  return {
    ...v,
    source: { ...v.source, host: 'demo-oracle.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'pw' },
    destination: { ...v.destination, brokers: '127.0.0.1:9092', topic: 'cdc' },
    objects: {
      batchRules: [],
      schemas: [{ name: 'HR', mappedName: '', all: false, operations: ['INSERT', 'UPDATE', 'DELETE', 'DDL'], tables: [{ name: 'JOBS', mappedName: 'ROLES', columns: [], filter: '', partitionKey: [], operations: undefined }] }],
    },
    ...over,
  };
}

describe('initialValues', () => {
  it('starts from the DTS defaults', () => {
    const v = initialValues(new Date(2026, 0, 2, 3, 4));
    expect(v.name).toBe('oracle_to_kafka_20260102_0304');
    expect(v.migrationTypes).toEqual({ schema: true, full: true, incremental: true });
    expect(v.advanced).toMatchObject({ connectRetryMinutes: 720, otherRetryMinutes: 10, fullThrottle: { enabled: false }, incrementalThrottle: { enabled: false } });
    expect(v.instanceClass).toBe('medium');
    expect(v.resourceGroup).toBe('default resource group');
  });
});

describe('buildTaskConfig', () => {
  it('builds a task the API schema accepts, with the table following its schema’s operations', () => {
    const task = buildTaskConfig(filled());
    const parsed = taskConfigSchema.parse(task);
    expect(parsed.objects.schemas[0]!.tables[0]).toEqual({ name: 'JOBS', mappedName: 'ROLES', columns: [], filter: '', partitionKey: [] });
    expect(parsed.destination.brokers).toEqual(['127.0.0.1:9092']);
    expect('operations' in task.objects.schemas[0]!.tables![0]!).toBe(false);
  });

  it('keeps a cleared number field so the schema reports it instead of using the default', () => {
    const v = filled();
    const issues = sectionIssues('advanced', buildTaskConfig({ ...v, advanced: { ...v.advanced, connectRetryMinutes: '' } }));
    expect(issues.map((i) => i.path)).toEqual(['advanced.connectRetryMinutes']);
    expect(issues[0]!.message).toMatch(/from 10 to 1,440/);
  });
});

describe('buildSection', () => {
  it('sends only the section’s keys (never the connection or its passwords)', () => {
    const v = filled();
    expect(Object.keys(buildSection('objects', v)).sort()).toEqual(['conflictMode', 'dataFormat', 'migrationTypes', 'objects', 'partitionPolicy']);
    expect(buildSection('instance', { ...v, instanceClass: 'large' })).toEqual({ instanceClass: 'large', resourceGroup: 'default resource group' });
    expect(JSON.stringify(buildSection('advanced', v))).not.toContain('pw');
  });
});

describe('valuesFromTask', () => {
  it('opens a saved task with blank passwords (keep stored) and its later sections', () => {
    const saved = taskConfigSchema.parse(buildTaskConfig(filled({ instanceClass: 'small' })));
    const view = { name: 'hr', config: { ...saved, source: { ...saved.source, password: 'set' }, destination: { ...saved.destination, password: 'not set' } } };
    const v = valuesFromTask(view);
    expect(v.source.password).toBe('');
    expect(v.destination.password).toBe('');
    expect(v.destination.brokers).toBe('127.0.0.1:9092');
    expect(v.instanceClass).toBe('small');
    expect(v.objects.schemas[0]!.tables[0]!.mappedName).toBe('ROLES');
  });

  it('fills sections a step-1 draft does not have yet with the defaults', () => {
    const v = valuesFromTask({ name: 'd', config: { source: { host: 'h', port: 1521, kind: 'sid', database: 'D', user: 'u', password: 'set' }, destination: { brokers: ['b:9092'], topic: 't' } } });
    expect(v.objects).toEqual({ schemas: [], batchRules: [] });
    expect(v.advanced.connectRetryMinutes).toBe(720);
    expect(v.destination.kafkaVersion).toBe('4.x');
  });
});

describe('helpers', () => {
  it('finds the errors of one object and the index of a step', () => {
    const errors = { 'objects.schemas.0.tables.1.filter': 'bad', 'objects.schemas.0.tables.10.name': 'gone', 'objects.schemas': 'x' };
    expect(errorsUnder(errors, 'objects.schemas.0.tables.1')).toEqual(['bad']);
    expect(stepIndex('objects')).toBe(2);
    expect(stepIndex('start')).toBe(6);
  });
});
