import { describe, expect, it } from 'vitest';
import { formatConfigIssues, taskConfigSchema, taskWarnings, type TaskConfigInput } from './task-config';

function base(over: Partial<TaskConfigInput> = {}): TaskConfigInput {
  return {
    name: 'hr_to_kafka',
    source: { host: 'db1.example.com', database: 'ORCL', user: 'DTS', password: 'x' },
    destination: { brokers: '10.0.0.5', topic: 'oracle.hr' },
    objects: { schemas: [{ name: 'HR', all: true }] },
    ...over,
  };
}

function issues(input: TaskConfigInput): string[] {
  const r = taskConfigSchema.safeParse(input);
  return r.success ? [] : formatConfigIssues(r.error);
}

describe('taskConfigSchema defaults', () => {
  it('fills the DTS defaults', () => {
    const c = taskConfigSchema.parse(base());
    expect(c.migrationTypes).toEqual({ schema: true, full: true, incremental: true });
    expect(c.conflictMode).toBe('precheck-and-report');
    expect(c.dataFormat).toBe('dts-avro');
    expect(c.partitionPolicy).toBe('partition-0');
    expect(c.advanced.connectRetryMinutes).toBe(720);
    expect(c.advanced.otherRetryMinutes).toBe(10);
    expect(c.advanced.fullThrottle.enabled).toBe(false);
    expect(c.advanced.fullParallelism).toBe(4);
    expect(c.instanceClass).toBe('medium');
    expect(c.objects.schemas[0]!.operations).toEqual(['INSERT', 'UPDATE', 'DELETE', 'DDL']);
    expect(c.destination.brokers).toEqual(['10.0.0.5:9092']);
  });

  it('round-trips through JSON (the CLI and the API read the same text)', () => {
    const c = taskConfigSchema.parse(base());
    expect(taskConfigSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });
});

describe('retry windows', () => {
  it('accepts the documented ranges', () => {
    expect(issues(base({ advanced: { connectRetryMinutes: 10, otherRetryMinutes: 1 } }))).toEqual([]);
    expect(issues(base({ advanced: { connectRetryMinutes: 1440, otherRetryMinutes: 1439 } }))).toEqual([]);
  });

  it('rejects values outside 10–1440 and 1–1440 with the field named', () => {
    expect(issues(base({ advanced: { connectRetryMinutes: 9 } }))).toEqual([
      'advanced.connectRetryMinutes: Retry Time for Failed Connections (minutes) must be a whole number from 10 to 1,440; enter a value in that range.',
    ]);
    const tooBig = issues(base({ advanced: { otherRetryMinutes: 1441 } }));
    expect(tooBig[0]).toMatch(/^advanced\.otherRetryMinutes: .* from 1 to 1,440/);
    expect(issues(base({ advanced: { connectRetryMinutes: 30.5 } }))[0]).toMatch(/whole number/);
  });

  it('requires otherRetryMinutes < connectRetryMinutes, naming both fields', () => {
    const out = issues(base({ advanced: { connectRetryMinutes: 30, otherRetryMinutes: 30 } }));
    expect(out).toHaveLength(1);
    expect(out[0]).toBe('advanced.otherRetryMinutes: The wait time before a retry when other issues occur (30 minutes) must be less than Retry Time for Failed Connections (30 minutes); lower the wait time or raise Retry Time for Failed Connections.');
    // The message names fields by their labels, never by their keys.
    expect(out[0]!.replace(/^[^:]*: /, '')).not.toMatch(/[a-z][A-Z]/);
  });
});

describe('migration types and throttles', () => {
  it('needs at least one migration type', () => {
    const out = issues(base({ migrationTypes: { schema: false, full: false, incremental: false } }));
    expect(out[0]).toMatch(/^migrationTypes: Select at least one migration type; DTS recommends/);
  });

  it('throttles only phases that run', () => {
    const out = issues(base({ migrationTypes: { schema: true, full: false, incremental: true }, advanced: { fullThrottle: { enabled: true } } }));
    expect(out).toEqual([expect.stringMatching(/^advanced\.fullThrottle\.enabled: Throttling for full data migration needs Full Data Migration/)]);
  });

  it('checks throttle ranges', () => {
    expect(issues(base({ advanced: { fullThrottle: { enabled: true, sourceQps: 0 } } }))[0]).toMatch(/^advanced\.fullThrottle\.sourceQps: /);
    expect(issues(base({ advanced: { incrementalThrottle: { enabled: true, mbps: 0 } } }))[0]).toMatch(/^advanced\.incrementalThrottle\.mbps: .* from 0\.1/);
    expect(issues(base({ advanced: { fullThrottle: { enabled: true, sourceQps: 200, rps: 5000, mbps: 2.5 } } }))).toEqual([]);
  });

  it('checks parallelism and chunk size', () => {
    expect(issues(base({ advanced: { fullParallelism: 0 } }))[0]).toMatch(/^advanced\.fullParallelism: /);
    expect(issues(base({ advanced: { chunkSize: 10 } }))[0]).toMatch(/^advanced\.chunkSize: .* from 100 to 100,000/);
  });

  it('rejects an unknown instance class, data format or partition policy', () => {
    expect(issues(base({ instanceClass: 'huge' as never }))[0]).toMatch(/^instanceClass: /);
    expect(issues(base({ dataFormat: 'csv' as never }))[0]).toMatch(/^dataFormat: Choose dts-avro/);
    expect(issues(base({ partitionPolicy: 'random' as never }))[0]).toMatch(/^partitionPolicy: /);
  });

  it('allows the Schema Registry only with DTS Avro', () => {
    const input = base({ dataFormat: 'shareplex-json', destination: { brokers: 'k:9092', topic: 't', schemaRegistry: { enabled: true, url: 'http://r:8081' } } });
    expect(issues(input)[0]).toMatch(/^destination\.schemaRegistry\.enabled: /);
  });
});

describe('objects', () => {
  it('needs at least one schema', () => {
    expect(issues(base({ objects: { schemas: [] } }))[0]).toMatch(/^objects\.schemas: Select at least one/);
  });

  it('rejects two tables mapped to one name', () => {
    const out = issues(base({ objects: { schemas: [{ name: 'HR', tables: [{ name: 'A', mappedName: 'X' }, { name: 'B', mappedName: 'X' }] }] } }));
    expect(out).toEqual(['objects.schemas.0.tables.1.mappedName: HR.B and HR.A would both be written as HR.X; give one of them another name in the mapping.']);
  });

  it('rejects a table renamed onto another selected table of a merged schema', () => {
    const out = issues(
      base({
        objects: {
          schemas: [
            { name: 'HR', mappedName: 'APP', tables: [{ name: 'T' }] },
            { name: 'SALES', mappedName: 'APP', tables: [{ name: 'T' }] },
          ],
        },
      }),
    );
    expect(out[0]).toMatch(/SALES\.T and HR\.T would both be written as APP\.T/);
  });

  it('rejects batch rules that merge names', () => {
    const out = issues(base({ objects: { schemas: [{ name: 'HR', tables: [{ name: 'Emp' }, { name: 'EMP' }] }], batchRules: [{ target: 'table', case: 'upper' }] } }));
    expect(out[0]).toMatch(/HR\.EMP and HR\.Emp would both be written as HR\.EMP/);
  });

  it('rejects two columns mapped to one name and duplicate selections', () => {
    const cols = issues(base({ objects: { schemas: [{ name: 'HR', tables: [{ name: 'T', columns: [{ name: 'A', mappedName: 'B' }, { name: 'B' }] }] }] } }));
    expect(cols[0]).toMatch(/^objects\.schemas\.0\.tables\.0\.columns\.1\.mappedName: Columns A and B of HR\.T would both be named B/);
    const dup = issues(base({ objects: { schemas: [{ name: 'HR' }, { name: 'HR' }] } }));
    expect(dup[0]).toMatch(/^objects\.schemas\.1\.name: Schema HR is selected twice/);
  });

  it('limits renaming tasks to 1,000 individually selected tables', () => {
    const tables = Array.from({ length: 1001 }, (_, i) => ({ name: `T${i}` }));
    const plain = issues(base({ objects: { schemas: [{ name: 'HR', tables }] } }));
    expect(plain).toEqual([]);
    const renamed = issues(base({ objects: { schemas: [{ name: 'HR', tables: [{ name: 'T0', mappedName: 'Z' }, ...tables.slice(1)] }] } }));
    expect(renamed).toEqual([expect.stringMatching(/^objects\.schemas: 1,001 tables are selected one by one with table or column renaming, and a task can rename at most 1,000/)]);
    // A schema-only rename does not count.
    expect(issues(base({ objects: { schemas: [{ name: 'HR', mappedName: 'H2', tables }] } }))).toEqual([]);
  });

  it('rejects empty operation lists and bad names', () => {
    expect(issues(base({ objects: { schemas: [{ name: 'HR', tables: [{ name: 'T', operations: [] }] }] } }))[0]).toMatch(
      /^objects\.schemas\.0\.tables\.0\.operations: Choose at least one operation/,
    );
    expect(issues(base({ objects: { schemas: [{ name: 'HR', tables: [{ name: 'T', mappedName: 'a"b' }] }] } }))[0]).toMatch(/double quote/);
    expect(issues(base({ objects: { schemas: [{ name: 'HR' }], batchRules: [{ target: 'table' }] } }))[0]).toMatch(/changes nothing/);
  });

  it('orders operations canonically', () => {
    const c = taskConfigSchema.parse(base({ objects: { schemas: [{ name: 'HR', tables: [{ name: 'T', operations: ['DDL', 'INSERT'] }] }] } }));
    expect(c.objects.schemas[0]!.tables[0]!.operations).toEqual(['INSERT', 'DDL']);
  });
});

describe('taskWarnings', () => {
  it('warns a full-only task that source writes are not captured', () => {
    const c = taskConfigSchema.parse(base({ migrationTypes: { schema: true, full: true, incremental: false } }));
    expect(taskWarnings(c).join('\n')).toMatch(/writes to the source during the migration are not captured/);
    expect(taskWarnings(taskConfigSchema.parse(base())).join('\n')).not.toMatch(/not captured/);
  });
});

describe('row filters', () => {
  const withFilter = (filter: string, columns?: { name: string; type?: 'NUMBER' | 'VARCHAR2' | 'DATE' }[]) =>
    base({ objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMP', filter, ...(columns ? { columns } : {}) }] }] } });

  it('checks the syntax even without columns', () => {
    expect(issues(withFilter('DEPT_ID IN (10, 20) AND NAME LIKE \'A%\''))).toEqual([]);
    const out = issues(withFilter('DEPT_ID = = 10'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^objects\.schemas\.0\.tables\.0\.filter: HR\.EMP: Row filter: .* at position \d+/);
  });

  it('checks column names and types when the wizard sent typed columns', () => {
    const cols = [{ name: 'ID', type: 'NUMBER' as const }, { name: 'SALARY', type: 'NUMBER' as const }];
    expect(issues(withFilter('SALARY > 1000', cols))).toEqual([]);
    expect(issues(withFilter('SALRY > 1000', cols))[0]).toMatch(/HR\.EMP: Row filter: .*SALRY/);
    // untyped columns: syntax only
    expect(issues(withFilter('SALRY > 1000', [{ name: 'ID' }]))).toEqual([]);
  });
});
