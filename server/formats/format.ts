import type { Scn } from '../model/scn';
import type { ChangeEvent } from '../model/change-event';

/**
 * The seam between the engine and the wire: a Format turns one ChangeEvent into the bytes of one
 * Kafka message. Formats know nothing about Kafka (no topics, partitions or clients); the engine
 * hands the result to the producer, and the partitioner decides where it lands.
 *
 * Example: an UPDATE of HR.EMPLOYEES (PK ID=7) encoded as SharePlex JSON gives
 *   { key: <Buffer "7">, value: <Buffer {"meta":{...,"op":"upd",...},"data":{"SALARY":"1200"},"key":{...}}> }
 */
export type FormatName = 'dts-avro' | 'shareplex-json';

export const FORMAT_NAMES: readonly FormatName[] = ['dts-avro', 'shareplex-json'];

export interface EncodeContext {
  /**
   * Strictly increasing record id from the sequence the engine owns (DTS Avro `id`). The engine
   * persists it with the checkpoint so ids keep increasing across restarts. An integer in
   * 0..2^53-2 (the largest long avsc reads back); formats do not check the ordering.
   */
  recordId: number;
  /** Wall-clock ms at encoding (SharePlex `posttime`, DTS tag `readerThroughoutTime`); default Date.now(). */
  nowMs?: number;
  /**
   * The SCN mining would restart from if the task resumed after this record (the engine's
   * checkpoint low watermark). Goes into DTS `safeSourcePosition`; defaults to the event's own SCN.
   */
  safeScn?: Scn;
}

export interface EncodedMessage {
  /** Message key: the row's primary-key values (see message-key.ts), null for DDL and keyless tables. */
  key: Buffer | null;
  value: Buffer;
  headers?: Record<string, string>;
}

export interface Format {
  readonly name: FormatName;
  encode(event: ChangeEvent, ctx: EncodeContext): EncodedMessage;
}
