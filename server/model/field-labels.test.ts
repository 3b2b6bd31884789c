import { describe, expect, it } from 'vitest';
import { fieldLabel, labelledIssues } from './field-labels';
import { taskConfigSchema } from './task-config';
import { issuePath } from './wizard-sections';

const good = {
  name: 'hr',
  source: { host: 'db1', database: 'ORCL', user: 'DTS', password: 'x' },
  destination: { brokers: 'k1', topic: 'cdc' },
  objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', filter: 'SALARY > 1', columns: [{ name: 'SALARY', mappedName: 'PAY' }] }] }] },
};

/** Every leaf path of a value: "source.host", "advanced.fullThrottle.rps", … (arrays stop the walk). */
function leaves(v: unknown, prefix = ''): string[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [prefix];
  return Object.entries(v).flatMap(([k, x]) => leaves(x, prefix ? `${prefix}.${k}` : k));
}

describe('field labels', () => {
  it('label every field of a task as the wizard does', () => {
    const c = taskConfigSchema.parse(good);
    const paths = leaves({ ...c, objects: undefined, resourceGroup: 'x' }).filter((p) => p !== 'objects');
    const unlabelled = paths.filter((p) => fieldLabel(p) === 'Task');
    expect(unlabelled).toEqual([]);
    expect(fieldLabel('advanced.otherRetryMinutes')).toBe('Advanced Settings › The wait time before a retry when other issues occur');
  });

  it('name the schema, table and column of an objects path', () => {
    expect(fieldLabel('objects.schemas.0.tables.0.filter', good.objects)).toBe('Configure Objects › HR.EMPLOYEES › Filter Conditions');
    expect(fieldLabel('objects.schemas.0.tables.0.columns.0.mappedName', good.objects)).toBe('Configure Objects › HR.EMPLOYEES › column SALARY › Name in Kafka');
    expect(fieldLabel('objects.schemas.3.mappedName')).toBe('Configure Objects › schema 4 › Name in Kafka');
    expect(fieldLabel('objects.batchRules.1.case')).toBe('Configure Objects › Batch Edit › rule 2');
  });

  it('messages of the shared schema name fields by their labels, never by their keys', () => {
    const bad = [
      { ...good, advanced: { connectRetryMinutes: 20, otherRetryMinutes: 30 } },
      { ...good, advanced: { connectRetryMinutes: 'x', chunkSize: 5, fullParallelism: 99, fullThrottle: { enabled: true, rps: 0, mbps: 0, sourceQps: 0 } } },
      { ...good, instanceClass: 'huge', conflictMode: 'x', dataFormat: 'x', partitionPolicy: 'x' },
      { ...good, migrationTypes: { schema: false, full: false, incremental: true }, advanced: { fullThrottle: { enabled: true } } },
      { ...good, source: { host: '', port: 0, database: '1', user: '' }, destination: { brokers: '', topic: 'a b', connectionMethod: 'scram-sha-256', schemaRegistry: { enabled: true } } },
      { ...good, dataFormat: 'shareplex-json', destination: { ...good.destination, schemaRegistry: { enabled: true, url: 'http://r:8081' } } },
    ];
    const messages = bad.flatMap((input) => {
      const r = taskConfigSchema.safeParse(input);
      expect(r.success).toBe(false);
      return r.success ? [] : r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
    });
    expect(messages.length).toBeGreaterThan(20);
    // A key is camelCase (otherRetryMinutes, connectRetryMinutes, instanceClass…): none may appear in a message.
    const withKeys = messages.filter((m) => /\b[a-z]+[A-Z][A-Za-z]*\b/.test(m.message));
    expect(withKeys).toEqual([]);
    expect(labelledIssues(messages.slice(0, 1), good.objects)[0]).toBe(
      'Advanced Settings › The wait time before a retry when other issues occur: The wait time before a retry when other issues occur (30 minutes) must be less than Retry Time for Failed Connections (20 minutes); lower the wait time or raise Retry Time for Failed Connections.',
    );
  });
});
