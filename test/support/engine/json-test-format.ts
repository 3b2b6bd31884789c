import type { ChangeEvent } from '../../../server/model/change-event';
import type { ColumnValue } from '../../../server/model/oracle-types';
import type { Format } from '../../../server/formats/format';
import { identityKeyText } from '../../../server/formats/message-key';
import { encodeValue, decodeValue, type EncodedValue } from '../../../server/model/checkpoint-value-codec';

/**
 * A lossless JSON rendering of ChangeEvents for engine tests (the product formats drop details
 * tests need, such as INIT vs INSERT in SharePlex JSON, or are costly to decode):
 *   {"id":7,"op":"UPDATE","owner":"HR","table":"EMP","cols":["ID","SAL"],"before":[…],"after":["7",{"u":1}],
 *    "scn":"5012","commitScn":"5013","txId":"0A00…","seq":1,"size":2}
 * `{"u":1}` marks a column absent from the image (undefined).
 */
export interface TestRecord {
  id: number;
  op: ChangeEvent['op'];
  owner: string;
  table: string;
  cols: string[];
  pk: string[] | null;
  before: (ColumnValue | undefined)[] | null;
  after: (ColumnValue | undefined)[] | null;
  scn: string;
  commitScn: string;
  txId: string;
  seq: number;
  size: number;
  ddl?: string;
}

type Wire = Omit<TestRecord, 'before' | 'after'> & { before: (EncodedValue | { u: 1 })[] | null; after: (EncodedValue | { u: 1 })[] | null };

const enc = (img: (ColumnValue | undefined)[] | null) => (img ? img.map((v) => (v === undefined ? { u: 1 as const } : encodeValue(v))) : null);
const dec = (img: Wire['before']) => (img ? img.map((v) => (v !== null && typeof v === 'object' && 'u' in v ? undefined : decodeValue(v as EncodedValue))) : null);

export const jsonTestFormat: Format = {
  name: 'shareplex-json',
  encode(e, ctx) {
    const wire: Wire = {
      id: ctx.recordId,
      op: e.op,
      owner: e.owner,
      table: e.table,
      cols: e.columns.map((c) => c.name),
      pk: e.primaryKey,
      before: enc(e.before),
      after: enc(e.after),
      scn: String(e.scn),
      commitScn: String(e.commitScn),
      txId: e.txId,
      seq: e.seqInTx,
      size: e.txSize,
      ...(e.ddl === undefined ? {} : { ddl: e.ddl }),
    };
    const key = identityKeyText(e);
    return { key: key === null ? null : Buffer.from(key), value: Buffer.from(JSON.stringify(wire)) };
  },
};

export function decodeTestRecord(value: Buffer | Uint8Array): TestRecord {
  const w = JSON.parse(Buffer.from(value).toString('utf8')) as Wire;
  return { ...w, before: dec(w.before), after: dec(w.after) };
}
