import type { ChangeEvent } from '../model/change-event';
import { identityKey } from '../model/oracle-types';
import { valueText } from './value-text';

/**
 * The Kafka message key: the row's identity-key values (primary key, else the first unique key)
 * as text, joined by ",", UTF-8 encoded. Inside a value "\" and "," are escaped with a backslash so
 * distinct keys never produce the same bytes (compacted topics stay correct). SQL NULL (possible in
 * a unique key) is the empty string, which is unambiguous because Oracle stores '' as NULL.
 *
 *   PK (ID)            ID=32539737            → 32539737
 *   PK (ORD_ID, LINE)  ORD_ID=7, LINE=2       → 7,2
 *   PK (CODE)          CODE='a,b'             → a\,b
 *
 * DDL events and tables without a PK/UK have no key (null). The same text feeds the
 * primary-key-hash partition policy, so equal keys always land on the same partition.
 */
export function identityKeyText(event: ChangeEvent): string | null {
  if (event.op === 'DDL') return null;
  // The format (message key) and the hash-pk partitioner both ask for the same event in a row.
  if (event === lastEvent && event.after === lastAfter && event.before === lastBefore && event.columns === lastColumns) return lastText;
  const keyColumns = identityKey(event);
  lastText = !keyColumns || keyColumns.length === 0 ? null : keyText(event, keyColumns);
  lastEvent = event;
  lastAfter = event.after;
  lastBefore = event.before;
  lastColumns = event.columns;
  return lastText;
}

// The last event asked about (a one-entry memo; plain variables, no object per row).
let lastEvent: ChangeEvent | null = null;
let lastAfter: ChangeEvent['after'] = null;
let lastBefore: ChangeEvent['before'] = null;
let lastColumns: ChangeEvent['columns'] | null = null;
let lastText: string | null = null;

/** Column positions of key columns, per column list (one list per table version). */
const positions = new WeakMap<readonly unknown[], Map<readonly string[], number[]>>();

function keyPositions(columns: ChangeEvent['columns'], keyColumns: readonly string[]): number[] {
  let byKey = positions.get(columns);
  if (!byKey) positions.set(columns, (byKey = new Map()));
  let idx = byKey.get(keyColumns);
  if (!idx) byKey.set(keyColumns, (idx = keyColumns.map((name) => columns.findIndex((c) => c.name === name))));
  return idx;
}

/** Text of the given key columns' values (after image, else before image), escaped and joined. */
export function keyText(event: ChangeEvent, keyColumns: readonly string[]): string | null {
  const image = event.after ?? event.before;
  if (!image) return null;
  const idx = keyPositions(event.columns, keyColumns);
  let out = '';
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    if (i < 0) return null;
    const v = image[i];
    const text = v === undefined || v === null ? '' : (valueText(event.columns[i]!, v) ?? '');
    out = k === 0 ? escapeKeyPart(text) : `${out},${escapeKeyPart(text)}`;
  }
  return out;
}

/**
 * The key text of values already in text form (a replayed image), taken at `positions`: the same
 * escaping and joining.
 */
export function keyTextAt(values: readonly (string | null | undefined)[], positions: readonly number[]): string {
  let out = '';
  for (let k = 0; k < positions.length; k++) {
    const part = escapeKeyPart(values[positions[k]!] ?? '');
    out = k === 0 ? part : `${out},${part}`;
  }
  return out;
}

function escapeKeyPart(text: string): string {
  return text.indexOf('\\') < 0 && text.indexOf(',') < 0 ? text : text.replace(/[\\,]/g, (c) => `\\${c}`);
}

export function messageKey(event: ChangeEvent): Buffer | null {
  const text = identityKeyText(event);
  return text === null ? null : Buffer.from(text, 'utf8');
}
