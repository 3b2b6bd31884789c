'use client';

import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/provider';
import { mappingIssues, ObjectMapper } from '@/server/model/task-mapping';
import { BATCH_TARGETS, batchRuleSchema, NAME_CASES, type BatchRule, type ObjectSelection } from '@/server/model/task-objects';
import { Modal } from '@/components/ui/modal';
import { newTable, refKey, selectedRows, type SelectedRow } from './selection';

const CASE_LABEL: Record<(typeof NAME_CASES)[number], string> = { keep: 'Keep case', upper: 'UPPER CASE', lower: 'lower case' };
const newRule = (): BatchRule => ({ target: 'table', match: '*', case: 'lower', prefix: '', suffix: '' });

/** A table a whole-schema selection migrates without listing it (read from the source catalog). */
type UnlistedRow = { kind: 'unlisted'; ref: { owner: string; table: string } };

/**
 * Batch Edit: many names at once — typed one per object in a grid, or derived by rules (pattern,
 * case, prefix, suffix) for schemas, tables and columns, including tables a whole-schema selection
 * picks up later. The tables of a whole schema are read from the source catalog, so each can get
 * its own name too (saving one lists it under the schema, carrying only the rename). The preview
 * applies exactly what the engine will: an explicit name wins, else the rules in order.
 */
export function BatchEditDialog({ taskId, objects, onClose, onSave }: { taskId: string; objects: ObjectSelection; onClose(): void; onSave(o: ObjectSelection): void }) {
  const trpc = useTRPC();
  const whole = objects.schemas.filter((s) => s.all).map((s) => s.name);
  const catalogs = useQueries({ queries: whole.map((owner) => trpc.catalog.tables.queryOptions({ taskId, owner })) });
  const unlisted = (owner: string): UnlistedRow[] => {
    const i = whole.indexOf(owner);
    const schema = objects.schemas.find((s) => s.name === owner);
    if (i < 0 || !schema) return [];
    const listed = new Set(schema.tables.map((t) => t.name));
    return (catalogs[i]?.data ?? []).filter((t) => !listed.has(t.name)).map((t) => ({ kind: 'unlisted', ref: { owner, table: t.name } }));
  };
  const [rules, setRules] = useState<BatchRule[]>(objects.batchRules);
  const [names, setNames] = useState<Record<string, string>>(() =>
    Object.fromEntries(selectedRows(objects).map((r) => [refKey(r.ref), r.kind === 'table' ? r.table.mappedName : r.schema.mappedName])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [clashes, setClashes] = useState<string[]>([]);

  const named = (k: string) => (names[k] ?? '').trim();
  const draft: ObjectSelection = {
    batchRules: rules,
    schemas: objects.schemas.map((s) => ({
      ...s,
      mappedName: named(s.name),
      tables: [
        ...s.tables.map((t) => ({ ...t, mappedName: named(`${s.name}.${t.name}`) })),
        // Renamed tables of a whole schema become listed tables that carry just the rename.
        ...unlisted(s.name)
          .filter((r) => named(refKey(r.ref)))
          .map((r) => ({ ...newTable(r.ref.table), mappedName: named(refKey(r.ref)) })),
      ],
    })),
  };
  const rows: (SelectedRow | UnlistedRow)[] = selectedRows(objects).flatMap((r) => {
    const last = r.kind === 'schema' ? !objects.schemas.find((s) => s.name === r.ref.owner)?.tables.length : r.table.name === r.schema.tables.at(-1)?.name;
    return last ? [r, ...unlisted(r.ref.owner)] : [r];
  });
  const loading = catalogs.some((c) => c.isPending);
  const mapper = new ObjectMapper(draft);
  const setRule = (i: number, patch: Partial<BatchRule>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  function save() {
    const errs: Record<string, string> = {};
    const parsed = rules.map((r, i) => {
      const p = batchRuleSchema.safeParse(r);
      if (!p.success) for (const issue of p.error.issues) errs[`${i}.${issue.path.map(String).join('.')}`] ??= issue.message;
      return p.success ? p.data : r;
    });
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    const next = { ...draft, batchRules: parsed };
    const found = mappingIssues(next).map((i) => i.message);
    setClashes(found);
    if (found.length === 0) onSave(next);
  }

  return (
    <Modal
      title="Batch Edit: names in Kafka"
      testId="batch-edit-dialog"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>Cancel</button>
          <button className="btn btn-primary" data-testid="batch-save" onClick={save}>OK</button>
        </>
      }
    >
      {clashes.map((m) => <div key={m} className="alert error" role="alert">{m}</div>)}
      <h3 style={{ marginTop: 0 }}>Rules</h3>
      <p className="field-help" style={{ marginTop: 0 }}>Pattern: * any characters, ? one character (case-sensitive). Rules apply in order to every name they match that has no explicit name below.</p>
      {rules.length === 0 ? <div className="muted" style={{ marginBottom: 8 }}>No rules.</div> : null}
      {rules.map((r, i) => (
        <div key={i} className="rule-row" data-testid={`batch-rule-${i}`}>
          <select className="input" aria-label={`Rule ${i + 1} applies to`} value={r.target} onChange={(e) => setRule(i, { target: e.target.value as BatchRule['target'] })}>
            {BATCH_TARGETS.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
          <input className="input mono" aria-label={`Rule ${i + 1} pattern`} value={r.match} onChange={(e) => setRule(i, { match: e.target.value })} placeholder="*" />
          <select className={`input${errors[`${i}.case`] ? ' invalid' : ''}`} aria-label={`Rule ${i + 1} case`} value={r.case} onChange={(e) => setRule(i, { case: e.target.value as BatchRule['case'] })}>
            {NAME_CASES.map((c) => <option key={c} value={c}>{CASE_LABEL[c]}</option>)}
          </select>
          <input className={`input mono${errors[`${i}.prefix`] ? ' invalid' : ''}`} aria-label={`Rule ${i + 1} prefix`} value={r.prefix} onChange={(e) => setRule(i, { prefix: e.target.value })} placeholder="prefix" />
          <input className="input mono" aria-label={`Rule ${i + 1} suffix`} value={r.suffix} onChange={(e) => setRule(i, { suffix: e.target.value })} placeholder="suffix" />
          <button className="btn btn-sm btn-danger" aria-label={`Delete rule ${i + 1}`} onClick={() => setRules(rules.filter((_, j) => j !== i))}>Delete</button>
          {Object.entries(errors).filter(([k]) => k.startsWith(`${i}.`)).map(([k, m]) => <div key={k} className="field-error rule-error">{m}</div>)}
        </div>
      ))}
      <button className="btn btn-sm" onClick={() => setRules([...rules, newRule()])} disabled={rules.length >= 20}>Add Rule</button>

      <h3>Names</h3>
      <table className="data compact">
        <thead>
          <tr><th>Source object</th><th>Explicit name (blank = rules)</th><th>Name in Kafka</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const k = refKey(r.ref);
            const result = r.kind === 'schema' ? mapper.schema(r.ref.owner) : `${mapper.table(r.ref.owner, r.ref.table!).owner}.${mapper.table(r.ref.owner, r.ref.table!).table}`;
            return (
              <tr key={k} data-ref={k} data-unlisted={r.kind === 'unlisted' || undefined}>
                <td className="mono">
                  {r.kind === 'schema' ? `${k} (schema)` : k}
                  {r.kind === 'unlisted' ? <span className="badge" style={{ marginLeft: 6 }}>in whole schema</span> : null}
                </td>
                <td>
                  <input className="input mono" aria-label={`Name of ${k} in Kafka`} value={names[k] ?? ''} placeholder={r.ref.table ?? r.ref.owner} onChange={(e) => setNames({ ...names, [k]: e.target.value })} />
                </td>
                <td className="mono" data-testid="batch-preview">{result}</td>
              </tr>
            );
          })}
          {loading ? (
            <tr>
              <td colSpan={3} className="muted">Reading the tables of {whole.join(', ')} from the source…</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </Modal>
  );
}
