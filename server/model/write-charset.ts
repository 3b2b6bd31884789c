/**
 * "Actual Write Code" (DTS wizard, Advanced Settings): the character set text values are written
 * to Kafka in. The value is the name written into DTS Avro `Character.charset`, one that Java's
 * `Charset.forName` resolves, so a DTS SDK consumer decodes `new String(value, charset)`:
 *
 *   { writeCharset: 'gbk', unencodableCharacters: 'fail' }
 *   '中文' → Character{ charset: "gbk", value: <d6 d0 ce c4> }
 *   '😀'  → the task stops: GBK has no such character (or, with 'replace', it is written as "?")
 *
 * UTF-8 and GB18030 encode every Unicode character; the others cannot encode some.
 */
export const WRITE_CHARSETS = ['utf8', 'gbk', 'gb18030', 'big5', 'ISO-8859-1', 'UTF-16BE'] as const;
export type WriteCharset = (typeof WRITE_CHARSETS)[number];

export const WRITE_CHARSET_LABELS: Record<WriteCharset, string> = {
  utf8: 'UTF-8',
  gbk: 'GBK',
  gb18030: 'GB18030',
  big5: 'Big5',
  'ISO-8859-1': 'ISO-8859-1 (Latin-1)',
  'UTF-16BE': 'UTF-16 (big-endian)',
};

/** Charsets that encode every Unicode scalar value: nothing can be unencodable. */
export const COMPLETE_CHARSETS: ReadonlySet<WriteCharset> = new Set(['utf8', 'gb18030', 'UTF-16BE']);

/** What to do with a character the chosen set cannot encode. */
export const UNENCODABLE_POLICIES = ['fail', 'replace'] as const;
export type UnencodablePolicy = (typeof UNENCODABLE_POLICIES)[number];
