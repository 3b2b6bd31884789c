import { describe, expect, it } from 'vitest';
import { oracleSourceSchema } from './oracle-source';

const base = { host: 'db1.example.com', kind: 'service' as const, database: 'ORCL', user: 'DTS', password: 'x' };

describe('oracleSourceSchema: RAC Instance Addresses', () => {
  it('takes one address per line or comma-separated, and none by default', () => {
    expect(oracleSourceSchema.parse(base).racNodes).toEqual([]);
    expect(oracleSourceSchema.parse({ ...base, racNodes: 'rac1.example.com:1521\n rac2.example.com:1522, [fd00::7]:1521\n' }).racNodes).toEqual([
      'rac1.example.com:1521',
      'rac2.example.com:1522',
      '[fd00::7]:1521',
    ]);
  });

  it('refuses a malformed entry on the field itself, naming the entry', () => {
    const r = oracleSourceSchema.safeParse({ ...base, racNodes: 'rac1.example.com:1521\nrac2.example.com' });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(['racNodes']);
    expect(issue.message).toBe('"rac2.example.com" is not an address. Each RAC instance address is host:port, e.g. rac-node1.example.com:1521.');
  });
});
