import type { OracleType } from '../../model/oracle-types';

/**
 * `Field.dataTypeNumber` for Oracle columns: Oracle's internal type codes, as DTS documents them in
 * "Use a Kafka client to consume tracked data" (OpenLogReplicator lists the same codes).
 *   VARCHAR2/NVARCHAR2=1  NUMBER/FLOAT=2  LONG=8  DATE=12  RAW=23  LONG RAW=24  XMLTYPE=58
 *   ROWID=69  CHAR/NCHAR=96  BINARY_FLOAT=100  BINARY_DOUBLE=101  CLOB/NCLOB=112  BLOB=113
 *   BFILE=114  TIMESTAMP=180  TSTZ=181  INTERVAL YM=182  INTERVAL DS=183  UROWID=208  TSLTZ=231
 * UNDEFINED=29 is DTS's code for a type it cannot name; every type we model has a real code.
 */
export const ORACLE_TYPE_CODES: Record<OracleType, number> = {
  VARCHAR2: 1,
  NVARCHAR2: 1,
  NUMBER: 2,
  FLOAT: 2,
  LONG: 8,
  DATE: 12,
  RAW: 23,
  'LONG RAW': 24,
  XMLTYPE: 58,
  ROWID: 69,
  CHAR: 96,
  NCHAR: 96,
  BINARY_FLOAT: 100,
  BINARY_DOUBLE: 101,
  CLOB: 112,
  NCLOB: 112,
  BLOB: 113,
  BFILE: 114,
  TIMESTAMP: 180,
  'TIMESTAMP WITH TIME ZONE': 181,
  'INTERVAL YEAR TO MONTH': 182,
  'INTERVAL DAY TO SECOND': 183,
  UROWID: 208,
  'TIMESTAMP WITH LOCAL TIME ZONE': 231,
};

export const UNDEFINED_TYPE_CODE = 29;

export function oracleTypeCode(type: OracleType): number {
  return ORACLE_TYPE_CODES[type] ?? UNDEFINED_TYPE_CODE;
}
