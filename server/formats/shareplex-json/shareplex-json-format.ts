import type { ChangeEvent } from '../../model/change-event';
import type { ColumnMeta, ColumnValue } from '../../model/oracle-types';
import type { EncodeContext, EncodedMessage, Format } from '../format';
import { FormatEncodeError } from '../format-error';
import { messageKey } from '../message-key';
import { textEncoder, UnencodableCharacterError } from '../text-encoder';
import { unencodableCharacter } from '../unencodable';
import type { UnencodablePolicy, WriteCharset } from '../../model/write-charset';
import { utcSecondsText, valueText } from '../value-text';
import { xidToDotted, type XidByteOrder } from './xid';

/**
 * SharePlex JSON as DTS writes it (one message per row change):
 *
 *   {"meta":{"time":"2017-06-16T14:24:34","userid":84,"op":"upd","scn":"14589063118712",
 *    "rowid":"AAATGpAAIAAItcIAAA","trans":"7.0.411499","seq":2,"size":11,"table":"CL_BIZ1.MIO_LOG",
 *    "idx":"2/11","posttime":"2017-06-16T14:33:52"},
 *    "data":{"CNTR_NO":"1171201606"},
 *    "key":{"MIO_LOG_ID":"32537893","CNTR_NO":"1171201606syui26"}}
 *
 * - op: "ins" (INSERT and full-load INIT rows), "upd", "del"; DDL is "ddl" with data {"ddl": text},
 *   except TRUNCATE TABLE, which is "truncate" (DTS lists TRUNCATE as its own operation).
 * - data: ins → the after image; upd → the columns the update changed, with their new values;
 *   del → the before image. key (upd only): the old values of every column in the before image —
 *   the key columns plus the changed ones under PK/UK supplemental logging, the whole old row
 *   under ALL-column logging. Columns absent from the redo record are left out.
 * - Values are strings or null, in the text forms of value-text.ts (ISO-like dates, hex RAW).
 * - time: commit time; posttime: encoding time; both UTC "yyyy-MM-ddTHH:mm:ss" as the DTS
 *   examples print them (no zone suffix).
 * - scn: the transaction's commit SCN (the DTS page: the SCN assigned to the committed
 *   transaction), as a string so it survives JSON parsers that use doubles.
 * - userid: SharePlex prints the numeric Oracle user id; a ChangeEvent carries the user name, so
 *   `resolveUserId` (e.g. from DBA_USERS) maps it; without one the name itself is written, and
 *   null when unknown.
 * - trans: the XID as USN.SLOT.SQN (see xid.ts).
 * - Full-load rows (op "ins", read from the snapshot) belong to no source transaction. Each is
 *   written as a one-row unit: trans "0.0.0" (FULL_LOAD_TRANS, a placeholder in the XID's own
 *   shape, so parsers of USN.SLOT.SQN keep working), seq 1, size 1, idx "1/1"; scn and time are
 *   the snapshot SCN and the read time. A consumer that groups rows by trans until seq = size
 *   therefore completes every full-load row at once and never waits for more. The schema
 *   migration's DDL is not a source transaction either: it carries the same placeholder trans with
 *   seq/size counting the DDL statements written for the task.
 * - The message is JSON text in the task's Actual Write Code (UTF-8 unless chosen otherwise; the
 *   JSON punctuation is ASCII, so a GBK or Big5 message differs only inside string values).
 */
export const FULL_LOAD_TRANS = '0.0.0';

export interface SharePlexJsonOptions {
  resolveUserId?: (userName: string) => number | undefined;
  xidByteOrder?: XidByteOrder;
  /** Actual Write Code of the whole message (default utf8) and what to do with a character it lacks (default fail). */
  writeCharset?: WriteCharset;
  unencodableCharacters?: UnencodablePolicy;
}

const OP: Record<Exclude<ChangeEvent['op'], 'DDL'>, string> = { INIT: 'ins', INSERT: 'ins', UPDATE: 'upd', DELETE: 'del' };

export function createSharePlexJsonFormat(options: SharePlexJsonOptions = {}): Format {
  const text = textEncoder(options.writeCharset ?? 'utf8', options.unencodableCharacters ?? 'fail');
  return {
    name: 'shareplex-json',
    encode(event: ChangeEvent, ctx: EncodeContext): EncodedMessage {
      const table = event.table === '' ? event.owner : `${event.owner}.${event.table}`;
      // INIT events number rows per table in seqInTx (DTS Avro's position needs that); here a
      // snapshot row is its own unit of one.
      const init = event.op === 'INIT';
      const seq = init ? 1 : event.seqInTx;
      const size = init ? 1 : event.txSize;
      const meta = {
        time: utcSecondsText(event.commitTimeMs),
        userid: userId(event, options),
        op: event.op === 'DDL' ? ddlOp(event.ddl ?? '') : OP[event.op],
        scn: String(event.commitScn),
        rowid: event.rowId ?? null,
        trans: init || !event.txId ? FULL_LOAD_TRANS : xidToDotted(event.txId, options.xidByteOrder),
        seq,
        size,
        table,
        idx: `${seq}/${size}`,
        posttime: utcSecondsText(ctx.nowMs ?? Date.now()),
      };
      let json = `{"meta":${JSON.stringify(meta)},"data":`;
      switch (event.op) {
        case 'DDL':
          json += `{"ddl":${JSON.stringify(event.ddl ?? '')}}`;
          break;
        case 'INIT':
        case 'INSERT':
          json += imageJson(event.columns, required(event, event.after, 'after'));
          break;
        case 'DELETE':
          json += imageJson(event.columns, required(event, event.before, 'before'));
          break;
        case 'UPDATE': {
          const before = required(event, event.before, 'before');
          const after = required(event, event.after, 'after');
          json += imageJson(event.columns, after, (i) => before[i] === undefined || !sameValue(before[i], after[i]));
          json += `,"key":${imageJson(event.columns, before)}`;
          break;
        }
      }
      json += '}';
      let value: Buffer;
      try {
        value = text.encode(json);
      } catch (e) {
        if (e instanceof UnencodableCharacterError) throw unencodableCharacter(e, event, table, columnHolding(event, e.character));
        throw e;
      }
      return { key: messageKey(event), value };
    },
  };
}

/** The first column whose value holds `character` (for the error; the message names it). */
function columnHolding(event: ChangeEvent, character: string): string | undefined {
  for (const image of [event.after, event.before]) {
    const i = image?.findIndex((v) => typeof v === 'string' && v.includes(character)) ?? -1;
    if (i >= 0) return event.columns[i].name;
  }
  return undefined;
}

function userId(event: ChangeEvent, options: SharePlexJsonOptions): number | string | null {
  if (event.userName === undefined) return null;
  return options.resolveUserId?.(event.userName) ?? event.userName;
}

function ddlOp(ddl: string): string {
  return /^\s*truncate\s+table\b/i.test(ddl) ? 'truncate' : 'ddl';
}

/** {"COL":"text",…} in column order, built by hand so numeric-looking column names keep their place. */
function imageJson(columns: ColumnMeta[], image: (ColumnValue | undefined)[], include?: (i: number) => boolean): string {
  let out = '{';
  let first = true;
  for (let i = 0; i < columns.length; i++) {
    const v = image[i];
    if (v === undefined || (include && !include(i))) continue;
    out += `${first ? '' : ','}${JSON.stringify(columns[i].name)}:${v === null ? 'null' : JSON.stringify(valueText(columns[i], v))}`;
    first = false;
  }
  return out + '}';
}

function required(event: ChangeEvent, image: ChangeEvent['before'], which: string): (ColumnValue | undefined)[] {
  if (!image || image.length !== event.columns.length) {
    throw new FormatEncodeError(
      `${event.op} of ${event.owner}.${event.table} has ${image ? image.length : 'no'} ${which}-image values for ${event.columns.length} columns`,
      `A ${event.op} needs a ${which} image aligned with the column list; this is a source reader bug, report it with the table definition.`,
    );
  }
  return image;
}

function sameValue(a: ColumnValue | undefined, b: ColumnValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  if (typeof a === 'object' && typeof b === 'object' && !(a instanceof Uint8Array) && !(b instanceof Uint8Array)) {
    return (
      a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour &&
      a.minute === b.minute && a.second === b.second && a.nanos === b.nanos && a.tz === b.tz
    );
  }
  return false;
}
