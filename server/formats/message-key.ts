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
  const keyColumns = identityKey(event);
  if (!keyColumns || keyColumns.length === 0) return null;
  return keyText(event, keyColumns);
}

/** Text of the given key columns' values (after image, else before image), escaped and joined. */
export function keyText(event: ChangeEvent, keyColumns: readonly string[]): string | null {
  const image = event.after ?? event.before;
  if (!image) return null;
  const parts: string[] = [];
  for (const name of keyColumns) {
    const i = event.columns.findIndex((c) => c.name === name);
    if (i < 0) return null;
    const v = image[i];
    const text = v === undefined || v === null ? '' : (valueText(event.columns[i], v) ?? '');
    parts.push(escapeKeyPart(text));
  }
  return parts.join(',');
}

function escapeKeyPart(text: string): string {
  return /[\\,]/.test(text) ? text.replace(/[\\,]/g, (c) => `\\${c}`) : text;
}

export function messageKey(event: ChangeEvent): Buffer | null {
  const text = identityKeyText(event);
  return text === null ? null : Buffer.from(text, 'utf8');
}
