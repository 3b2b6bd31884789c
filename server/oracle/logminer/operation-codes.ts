/**
 * V$LOGMNR_CONTENTS.OPERATION_CODE values the pipeline reads, by the OPERATION names LogMiner
 * prints beside them, e.g. a row { OPERATION_CODE: 9, OPERATION: 'SELECT_LOB_LOCATOR' }:
 *
 *   1 INSERT   2 DELETE   3 UPDATE   5 DDL   6 START   7 COMMIT   36 ROLLBACK   255 UNSUPPORTED
 *   9 SELECT_LOB_LOCATOR   10 LOB_WRITE   11 LOB_TRIM   29 LOB_ERASE           (out-of-line LOBs)
 *   68 XML DOC BEGIN   70 XML DOC WRITE   71 XML DOC END                       (binary XMLTYPE)
 *   91 32K_BEGIN   92 32K_WRITE   93 32K_END         (VARCHAR2/RAW over 4,000 bytes, MAX_STRING_SIZE=EXTENDED)
 */
export const Op = {
  INSERT: 1,
  DELETE: 2,
  UPDATE: 3,
  DDL: 5,
  START: 6,
  COMMIT: 7,
  SELECT_LOB_LOCATOR: 9,
  LOB_WRITE: 10,
  LOB_TRIM: 11,
  LOB_ERASE: 29,
  ROLLBACK: 36,
  XML_BEGIN: 68,
  XML_WRITE: 70,
  XML_END: 71,
  EXTENDED_STRING_BEGIN: 91,
  EXTENDED_STRING_WRITE: 92,
  EXTENDED_STRING_END: 93,
  UNSUPPORTED: 255,
} as const;

export type OpCode = (typeof Op)[keyof typeof Op];

/** The OPERATION text LogMiner prints beside each code (the simulator writes it; nothing reads it). */
export const OPERATION_NAMES: Readonly<Record<OpCode, string>> = {
  [Op.INSERT]: 'INSERT',
  [Op.DELETE]: 'DELETE',
  [Op.UPDATE]: 'UPDATE',
  [Op.DDL]: 'DDL',
  [Op.START]: 'START',
  [Op.COMMIT]: 'COMMIT',
  [Op.SELECT_LOB_LOCATOR]: 'SELECT_LOB_LOCATOR',
  [Op.LOB_WRITE]: 'LOB_WRITE',
  [Op.LOB_TRIM]: 'LOB_TRIM',
  [Op.LOB_ERASE]: 'LOB_ERASE',
  [Op.ROLLBACK]: 'ROLLBACK',
  [Op.XML_BEGIN]: 'XML DOC BEGIN',
  [Op.XML_WRITE]: 'XML DOC WRITE',
  [Op.XML_END]: 'XML DOC END',
  [Op.EXTENDED_STRING_BEGIN]: '32K_BEGIN',
  [Op.EXTENDED_STRING_WRITE]: '32K_WRITE',
  [Op.EXTENDED_STRING_END]: '32K_END',
  [Op.UNSUPPORTED]: 'UNSUPPORTED',
};

/** Row DML: the statements parseRedo reads. */
export const DML_OPS: ReadonlySet<number> = new Set([Op.INSERT, Op.DELETE, Op.UPDATE]);

/** Transaction control rows, read for every transaction whatever the table filter. */
export const CONTROL_OPS: ReadonlySet<number> = new Set([Op.START, Op.COMMIT, Op.ROLLBACK]);

/** Row changes: DML and the rows that carry a column's value written apart (LOB, XML, extended strings). */
export const CHANGE_OPS: ReadonlySet<number> = new Set([
  Op.INSERT, Op.DELETE, Op.UPDATE,
  Op.SELECT_LOB_LOCATOR, Op.LOB_WRITE, Op.LOB_TRIM, Op.LOB_ERASE,
  Op.XML_BEGIN, Op.XML_WRITE, Op.XML_END,
  Op.EXTENDED_STRING_BEGIN, Op.EXTENDED_STRING_WRITE, Op.EXTENDED_STRING_END,
]);

/** Rows that open a value written apart, naming the row it belongs to (by key). */
export const VALUE_BEGIN_OPS: ReadonlySet<number> = new Set([Op.SELECT_LOB_LOCATOR, Op.XML_BEGIN, Op.EXTENDED_STRING_BEGIN]);
