import type { ChangeEvent } from '../../model/change-event';
import type { EncodeContext, EncodedMessage, Format } from '../format';
import { FormatEncodeError } from '../format-error';
import { messageKey } from '../message-key';
import { textEncoder, UnencodableCharacterError } from '../text-encoder';
import { unencodableCharacter } from '../unencodable';
import type { UnencodablePolicy, WriteCharset } from '../../model/write-charset';
import { objectName } from '../object-name';
import { AvroWriter } from './avro-writer';
import { OPERATIONS, SOURCE_TYPES } from './record-schema';
import { tablePlans, type TablePlan } from './table-plan';

/**
 * DTS Avro encoder. One UPDATE of HR.EMPLOYEES (PK ID) becomes this Record (decoded view):
 *
 *   { version: 0, id: 1041, sourceTimestamp: 1763900000, sourcePosition: "5012345@5012350@2",
 *     safeSourcePosition: "5012001@5012350@2", sourceTxid: "0A001F00D3040000",
 *     source: { sourceType: "Oracle", version: "19.0.0.0.0" }, operation: "UPDATE",
 *     objectName: "HR.EMPLOYEES", processTimestamps: null,
 *     tags: { pk_uk_info: '{"PRIMARY":["ID"]}', metaVersion: "2271560481", readerThroughoutTime: "1763900000123" },
 *     fields: [{ name: "ID", dataTypeNumber: 2 }, { name: "SALARY", dataTypeNumber: 2 }],
 *     beforeImages: [Integer{10,"7"}, Decimal{"1000.00",10,2}],
 *     afterImages:  [Integer{10,"7"}, Decimal{"1200.00",10,2}], bornTimestamp: 1763900000000 }
 *
 * Choices (where DTS documents nothing for Oracle):
 * - version 0: what every published DTS sample record carries.
 * - id: ctx.recordId, from the sequence the engine owns (strictly increasing across restarts).
 * - sourceTimestamp: commit time in seconds; bornTimestamp: commit time in milliseconds (the
 *   schema's doc says milliseconds, though MySQL samples show seconds).
 * - sourcePosition = "<change SCN>@<commit SCN>@<seq in transaction>"; the first part is the SCN
 *   (as DTS's MySQL positions start with the log offset), and (commit SCN, seq) is the record's
 *   unique place in the commit-ordered stream.
 *   safeSourcePosition = "<restart SCN>@<commit SCN>@<seq>": resume mining at the restart SCN
 *   (ctx.safeScn, the engine checkpoint; default the change SCN) and skip records up to
 *   (commit SCN, seq) — everything a consumer needs to resume without loss.
 * - sourceTxid: the XID as LogMiner prints it (16 hex digits); "0" when there is none (full-load
 *   rows), as DTS writes for sources without a transaction id.
 * - Bytes are written by AvroWriter in the schema's field order (see avro-writer.ts); tests hold
 *   them equal to avsc's encoding and decode them with the reference schema.
 * - DDL: objectName "OWNER.OBJECT" (or "OWNER" when the DDL names no object), fields and
 *   beforeImages null, afterImages = the DDL text.
 */
export const DTS_AVRO_VERSION = 0;
/** Largest long avsc (and so most JS consumers) will read back: 2^53 - 2. */
export const MAX_RECORD_ID = 9007199254740990;

export interface DtsAvroOptions {
  /** Source database version for `source.version`, e.g. "19.0.0.0.0" (V$INSTANCE.VERSION). */
  sourceVersion: string;
  /** Actual Write Code of Character values (default utf8) and what to do with a character it lacks (default fail). */
  writeCharset?: WriteCharset;
  unencodableCharacters?: UnencodablePolicy;
}

const ORACLE = SOURCE_TYPES.indexOf('Oracle');
const OPERATION_INDEX: Record<ChangeEvent['op'], number> = {
  INIT: OPERATIONS.indexOf('INIT'),
  INSERT: OPERATIONS.indexOf('INSERT'),
  UPDATE: OPERATIONS.indexOf('UPDATE'),
  DELETE: OPERATIONS.indexOf('DELETE'),
  DDL: OPERATIONS.indexOf('DDL'),
};

export function createDtsAvroFormat(options: DtsAvroOptions): Format {
  const w = new AvroWriter();
  const charset = options.writeCharset ?? 'utf8';
  const tablePlan = tablePlans(charset === 'utf8' ? undefined : textEncoder(charset, options.unencodableCharacters ?? 'fail'));
  // SCN → text costs a BigInt conversion; consecutive records mostly share their SCNs (a whole
  // full-load chunk has one), so the last conversion of each is kept.
  const scnText = lastText((n: bigint) => String(n));
  const commitText = lastText((n: bigint) => String(n));
  const safeText = lastText((n: bigint) => String(n));
  const nowText = lastText((n: number) => String(n));
  const source = new AvroWriter(64);
  source.long(ORACLE);
  source.string(options.sourceVersion);
  const sourceBytes = source.toBuffer();
  return {
    name: 'dts-avro',
    encode(event: ChangeEvent, ctx: EncodeContext): EncodedMessage {
      if (!Number.isInteger(ctx.recordId) || ctx.recordId < 0 || ctx.recordId > MAX_RECORD_ID) {
        throw new RangeError(`DTS Avro record id must be an integer in 0..${MAX_RECORD_ID}, got ${ctx.recordId}`);
      }
      const plan = event.op === 'DDL' ? null : tablePlan(event);
      const tail = `@${commitText(event.commitScn)}@${event.seqInTx}`;
      w.reset();
      w.long(DTS_AVRO_VERSION);
      w.long(ctx.recordId);
      w.long(Math.floor(event.commitTimeMs / 1000)); // sourceTimestamp
      w.string(scnText(event.scn) + tail); // sourcePosition
      w.string(safeText(ctx.safeScn ?? event.scn) + tail); // safeSourcePosition
      w.string(event.txId || '0'); // sourceTxid
      w.raw(sourceBytes); // source: { sourceType: Oracle, version }
      w.long(OPERATION_INDEX[event.op]);
      const reader = nowText(ctx.nowMs ?? Date.now());
      if (plan) {
        w.raw(plan.headBytes); // objectName … "readerThroughoutTime"
        w.string(reader);
        w.long(0);
        w.raw(plan.fieldsBytes);
        if (event.op === 'UPDATE' || event.op === 'DELETE') writeImage(w, plan, event.before, 'before', event);
        else w.long(0);
        if (event.op === 'DELETE') w.long(0);
        else writeImage(w, plan, event.after, 'after', event);
      } else {
        w.long(1); // objectName
        w.string(objectName(event.owner, event.table));
        w.long(0); // processTimestamps: null
        w.long(1);
        w.string('readerThroughoutTime');
        w.string(reader);
        w.long(0);
        w.long(0); // fields: null
        w.long(0); // beforeImages: null
        w.long(1); // afterImages: [null, string, …] → the DDL text
        w.string(event.ddl ?? '');
      }
      w.long(event.commitTimeMs); // bornTimestamp
      return { key: messageKey(event), value: w.toBuffer() };
    },
  };
}

function lastText<T>(toText: (v: T) => string): (v: T) => string {
  let last: T | undefined;
  let text = '';
  return (v) => {
    if (v !== last) {
      last = v;
      text = toText(v);
    }
    return text;
  };
}

function writeImage(w: AvroWriter, plan: TablePlan, values: ChangeEvent['before'], which: string, event: ChangeEvent): void {
  const writers = plan.writers;
  if (!values || values.length !== writers.length) {
    throw new FormatEncodeError(
      `${event.op} of ${plan.objectName} has ${values ? values.length : 'no'} ${which}-image values for ${writers.length} columns`,
      `A ${event.op} needs a ${which} image aligned with the column list; this is a source reader bug, report it with the table definition.`,
    );
  }
  w.long(2); // [null, string, array] → array
  if (values.length > 0) {
    w.long(values.length);
    let i = 0;
    try {
      for (; i < values.length; i++) writers[i](w, values[i]);
    } catch (e) {
      if (e instanceof UnencodableCharacterError) throw unencodableCharacter(e, event, plan.objectName, plan.fields[i].name);
      throw e;
    }
  }
  w.long(0);
}
