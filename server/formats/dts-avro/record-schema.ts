/**
 * The DTS Avro schema (`com.alibaba.dts.formats.avro`), our own copy so the product runs without
 * ../shared. It must stay structurally identical to the public schema (LioRoger/subscribe_example
 * avro/Record.avsc = aliyun-dts-subscribe-sdk-java Record.java); record-schema.test.ts compares the
 * two whenever ../shared/reference/dts-avro-Record.avsc is present.
 *
 * Wire shape of one record (field order = wire order):
 *   version:int | id:long | sourceTimestamp:long | sourcePosition:string | safeSourcePosition:string
 *   | sourceTxid:string | source{sourceType:enum, version:string} | operation:enum
 *   | objectName:[null,string] | processTimestamps:[null,array<long>] | tags:map<string>
 *   | fields:[null,string,array<Field>] | beforeImages | afterImages | bornTimestamp:long
 * where before/afterImages = [null, string, array<[null, Integer, Character, Decimal, Float,
 * Timestamp, DateTime, TimestampWithTimeZone, BinaryGeometry, TextGeometry, BinaryObject,
 * TextObject, EmptyObject]>].
 */
export const DTS_AVRO_NAMESPACE = 'com.alibaba.dts.formats.avro';
const NS = DTS_AVRO_NAMESPACE;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const field = (name: string, type: Json): Json => ({ name, type });
const record = (name: string, fields: Json[]): Json => ({ namespace: NS, type: 'record', name, fields });
const nullableInt = (name: string): Json => ({ name, default: null, type: ['null', 'int'] });

/** The image element union, in the order that fixes each member's union index on the wire. */
export const IMAGE_MEMBERS = [
  'Integer',
  'Character',
  'Decimal',
  'Float',
  'Timestamp',
  'DateTime',
  'TimestampWithTimeZone',
  'BinaryGeometry',
  'TextGeometry',
  'BinaryObject',
  'TextObject',
  'EmptyObject',
] as const;
export type ImageMember = (typeof IMAGE_MEMBERS)[number];

const images = (name: string): Json => ({
  name,
  default: null,
  type: ['null', 'string', { type: 'array', items: ['null', ...IMAGE_MEMBERS.map((m) => `${NS}.${m}`)] }],
});

export const SOURCE_TYPES = ['MySQL', 'Oracle', 'SQLServer', 'PostgreSQL', 'MongoDB', 'Redis', 'DB2', 'PPAS', 'DRDS', 'HBASE', 'HDFS', 'FILE', 'OTHER'] as const;

export const OPERATIONS = [
  'INSERT', 'UPDATE', 'DELETE', 'DDL', 'BEGIN', 'COMMIT', 'ROLLBACK', 'ABORT', 'HEARTBEAT',
  'CHECKPOINT', 'COMMAND', 'FILL', 'FINISH', 'CONTROL', 'RDB', 'NOOP', 'INIT',
] as const;
export type DtsOperation = (typeof OPERATIONS)[number];

const RECORD = record('Record', [
  { name: 'version', type: 'int', doc: 'version infomation' },
  { name: 'id', type: 'long', doc: 'unique id of this record in the whole stream' },
  { name: 'sourceTimestamp', type: 'long', doc: 'record log timestamp' },
  { name: 'sourcePosition', type: 'string', doc: 'record source location information' },
  { name: 'safeSourcePosition', type: 'string', default: '', doc: 'safe record source location information, use to recovery.' },
  { name: 'sourceTxid', type: 'string', default: '', doc: 'record transation id' },
  {
    name: 'source',
    doc: 'source dataource',
    type: {
      namespace: NS,
      name: 'Source',
      type: 'record',
      fields: [
        field('sourceType', { namespace: NS, name: 'SourceType', type: 'enum', symbols: [...SOURCE_TYPES] }),
        { name: 'version', type: 'string', doc: 'source datasource version information' },
      ],
    },
  },
  // The public schema puts "namespace" on the field rather than the enum; kept for a faithful copy.
  { namespace: NS, name: 'operation', type: { name: 'Operation', type: 'enum', symbols: [...OPERATIONS] } },
  { name: 'objectName', default: null, type: ['null', 'string'] },
  {
    name: 'processTimestamps',
    default: null,
    type: ['null', { type: 'array', items: 'long' }],
    doc: 'time when this record is processed along the stream dataflow',
  },
  { name: 'tags', default: {}, type: { type: 'map', values: 'string' }, doc: 'tags to identify properties of this record' },
  { name: 'fields', default: null, type: ['null', 'string', { type: 'array', items: `${NS}.Field` }] },
  images('beforeImages'),
  images('afterImages'),
  { name: 'bornTimestamp', default: 0, type: 'long', doc: 'the timestamp in unit of millisecond that record is born in source' },
]);

/** The whole schema: named types first (each referenced by full name later), Record last. */
export const DTS_AVRO_SCHEMA: Json[] = [
  record('Field', [field('name', 'string'), field('dataTypeNumber', 'int')]),
  record('Integer', [field('precision', 'int'), field('value', 'string')]),
  record('Character', [field('charset', 'string'), field('value', 'bytes')]),
  record('Float', [field('value', 'double'), field('precision', 'int'), field('scale', 'int')]),
  record('Decimal', [field('value', 'string'), field('precision', 'int'), field('scale', 'int')]),
  record('Timestamp', [field('timestamp', 'long'), field('millis', 'int')]),
  record('DateTime', ['year', 'month', 'day', 'hour', 'minute', 'second', 'millis'].map(nullableInt)),
  record('TimestampWithTimeZone', [field('value', 'DateTime'), field('timezone', 'string')]),
  record('BinaryGeometry', [field('type', 'string'), field('value', 'bytes')]),
  record('TextGeometry', [field('type', 'string'), field('value', 'string')]),
  record('BinaryObject', [field('type', 'string'), field('value', 'bytes')]),
  record('TextObject', [field('type', 'string'), field('value', 'string')]),
  { namespace: NS, type: 'enum', name: 'EmptyObject', symbols: ['NULL', 'NONE'] },
  RECORD,
];

export const RECORD_FULL_NAME = `${NS}.Record`;
