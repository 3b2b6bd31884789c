import type { ColumnMeta } from '../../model/oracle-types';
import type { PhaseContext } from '../phase-context';

/**
 * The source tables a task migrates: listed tables, plus every table of a whole-schema selection
 * (as the dictionary lists them now), in schema order.
 *   [{ name: 'HR', all: true }, { name: 'SALES', tables: [{ name: 'ORDERS' }] }]
 *   → HR.COUNTRIES, HR.DEPARTMENTS, …, SALES.ORDERS
 */
export async function selectedTables(ctx: Pick<PhaseContext, 'config' | 'gateway'>): Promise<{ owner: string; table: string }[]> {
  const out: { owner: string; table: string }[] = [];
  for (const s of ctx.config.objects.schemas) {
    const names = s.all ? (await ctx.gateway.listTables(s.name)).map((t) => t.name) : s.tables.map((t) => t.name);
    for (const table of names) out.push({ owner: s.name, table });
  }
  return out;
}

/** Column names and types, to notice a DDL between two reads of the dictionary. */
export function columnSignature(columns: readonly ColumnMeta[]): string {
  return columns.map((c) => `${c.name}:${c.type}(${c.dataLength},${c.precision},${c.scale})`).join('|');
}

export function describeChange(before: readonly ColumnMeta[], after: readonly ColumnMeta[]): string {
  const b = new Map(before.map((c) => [c.name, c]));
  const a = new Map(after.map((c) => [c.name, c]));
  const added = after.filter((c) => !b.has(c.name)).map((c) => c.name);
  const dropped = before.filter((c) => !a.has(c.name)).map((c) => c.name);
  const changed = after.filter((c) => b.has(c.name) && columnSignature([c]) !== columnSignature([b.get(c.name)!])).map((c) => c.name);
  const parts: string[] = [];
  if (added.length) parts.push(`added ${added.join(', ')}`);
  if (dropped.length) parts.push(`dropped ${dropped.join(', ')}`);
  if (changed.length) parts.push(`changed ${changed.join(', ')}`);
  return parts.join('; ') || 'column order changed';
}
