import { describe, expect, it } from 'vitest';
import { pickSection, sectionIssues, type WizardTaskInput } from './wizard-sections';

function task(over: Partial<WizardTaskInput> = {}): WizardTaskInput {
  return {
    name: 'hr_to_kafka',
    source: { host: 'db1.example.com', database: 'ORCL', user: 'DTS', password: '' },
    destination: { brokers: '10.0.0.5', topic: 'oracle.hr' },
    objects: { schemas: [{ name: 'HR', all: true }] },
    ...over,
  };
}

const paths = (section: Parameters<typeof sectionIssues>[0], t: WizardTaskInput) => sectionIssues(section, t).map((i) => i.path);

describe('sectionIssues', () => {
  it('reports an empty selection under objects, not under the other sections', () => {
    const t = task({ objects: { schemas: [] } });
    expect(sectionIssues('objects', t)).toEqual([{ path: 'objects.schemas', message: 'Select at least one schema or table to migrate.' }]);
    expect(sectionIssues('advanced', t)).toEqual([]);
    expect(sectionIssues('instance', t)).toEqual([]);
  });

  it('applies the whole-task rule "wait time < retry time" to the advanced section', () => {
    const t = task({ advanced: { connectRetryMinutes: 30, otherRetryMinutes: 45 } });
    const issues = sectionIssues('advanced', t);
    expect(issues.map((i) => i.path)).toEqual(['advanced.otherRetryMinutes']);
    expect(issues[0]!.message).toMatch(/must be less than Retry Time for Failed Connections/);
    expect(paths('objects', t)).toEqual([]);
  });

  it('reports a throttle for a migration type that is not selected under advanced only', () => {
    const t = task({ migrationTypes: { schema: true, full: false, incremental: true }, advanced: { fullThrottle: { enabled: true } } });
    expect(paths('advanced', t)).toEqual(['advanced.fullThrottle.enabled']);
    expect(paths('objects', t)).toEqual([]);
  });

  it('names the table and position of a filter that names an unknown column', () => {
    const t = task({
      objects: {
        schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', filter: 'SALRY > 10', columns: [{ name: 'ID', type: 'NUMBER' }, { name: 'SALARY', type: 'NUMBER' }] }] }],
      },
    });
    const [issue] = sectionIssues('objects', t);
    expect(issue!.path).toBe('objects.schemas.0.tables.0.filter');
    expect(issue!.message).toMatch(/^HR\.EMPLOYEES: Row filter: unknown column SALRY at position 1/);
  });

  it('checks the instance class and the resource group', () => {
    expect(paths('instance', task({ instanceClass: 'huge' as never }))).toEqual(['instanceClass']);
    expect(paths('instance', task({ resourceGroup: '  ' }))).toEqual(['resourceGroup']);
    expect(paths('instance', task())).toEqual([]);
  });
});

describe('pickSection', () => {
  it('returns only the section keys, with defaults filled in', () => {
    expect(pickSection('instance', task())).toEqual({ instanceClass: 'medium', resourceGroup: 'default resource group' });
    const advanced = pickSection('advanced', task({ advanced: { connectRetryMinutes: '60' as never } }));
    // Step 4 also holds Monitoring and Alerting (off by default, as in DTS).
    expect(Object.keys(advanced)).toEqual(['advanced', 'monitoring']);
    expect(advanced.advanced).toMatchObject({ connectRetryMinutes: 60, otherRetryMinutes: 10, chunkSize: 10000 });
    expect(advanced.monitoring).toMatchObject({ alerting: { enabled: false }, heartbeat: { enabled: false }, transactionRetentionMinutes: 60 });
  });

  it('picks a valid objects section even when another section is still invalid', () => {
    const out = pickSection('objects', task({ advanced: { connectRetryMinutes: 5 } }));
    expect(Object.keys(out).sort()).toEqual(['conflictMode', 'dataFormat', 'migrationTypes', 'objects', 'partitionPolicy']);
    expect(out.objects).toMatchObject({ schemas: [{ name: 'HR', all: true, operations: ['INSERT', 'UPDATE', 'DELETE', 'DDL'] }], batchRules: [] });
  });
});

describe('sectionIssues with other parts missing', () => {
  it('still applies the whole-task rules to a section while objects are not chosen yet', () => {
    const t = task({ objects: undefined as never, advanced: { connectRetryMinutes: 20, otherRetryMinutes: 25 } });
    expect(paths('advanced', t)).toEqual(['advanced.otherRetryMinutes']);
  });

  it('checks filters while another section is invalid', () => {
    const t = task({
      advanced: { connectRetryMinutes: 5 },
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS', filter: 'MIN_SALARY >', columns: [{ name: 'MIN_SALARY', type: 'NUMBER' }] }] }] },
    });
    expect(paths('objects', t)).toEqual(['objects.schemas.0.tables.0.filter']);
  });
});
