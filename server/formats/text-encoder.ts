import iconv from 'iconv-lite';
import { COMPLETE_CHARSETS, WRITE_CHARSET_LABELS, type UnencodablePolicy, type WriteCharset } from '../model/write-charset';

/**
 * Text → bytes in the task's Actual Write Code, with iconv-lite.
 *
 *   const gbk = textEncoder('gbk', 'fail');
 *   gbk.encode('中文a')  → <d6 d0 ce c4 61>
 *   gbk.encode('a😀')   → throws UnencodableCharacterError { character: '😀', codePoint: 'U+1F600', charset: 'GBK' }
 *   textEncoder('gbk', 'replace').encode('a😀') → <61 3f>   ("a?")
 *
 * iconv-lite writes "?" for a character the set lacks. None of the multi-byte sets here uses byte
 * 0x3F inside a character (GBK and Big5 trail bytes start at 0x40, GB18030's four-byte forms use
 * 0x30–0x39), so more 0x3F bytes out than "?" characters in means a character was replaced —
 * found without encoding twice.
 */
export interface TextEncoder {
  readonly charset: WriteCharset;
  encode(text: string): Buffer;
}

export class UnencodableCharacterError extends Error {
  constructor(
    readonly character: string,
    readonly codePoint: string,
    readonly charset: string,
  ) {
    super(`${charset} has no encoding for ${JSON.stringify(character)} (${codePoint})`);
    this.name = 'UnencodableCharacterError';
  }
}

const ICONV_NAME: Record<WriteCharset, string> = {
  utf8: 'utf8',
  gbk: 'gbk',
  gb18030: 'gb18030',
  big5: 'big5',
  'ISO-8859-1': 'latin1',
  'UTF-16BE': 'utf-16be',
};

export function textEncoder(charset: WriteCharset, policy: UnencodablePolicy): TextEncoder {
  const name = ICONV_NAME[charset];
  if (charset === 'utf8') return { charset, encode: (text) => Buffer.from(text, 'utf8') };
  if (COMPLETE_CHARSETS.has(charset) || policy === 'replace') return { charset, encode: (text) => iconv.encode(text, name) };
  return {
    charset,
    encode(text) {
      const bytes = iconv.encode(text, name);
      if (countByte(bytes, 0x3f) > countChar(text, '?')) throw firstUnencodable(text, name, WRITE_CHARSET_LABELS[charset]);
      return bytes;
    },
  };
}

/**
 * Bytes in a named character set → text, for reading records back (verification, the topic
 * browser): `charset` is what DTS Avro's Character.charset says, a Java charset name ("gbk",
 * "ISO-8859-1", "UTF-16BE", …). null when iconv-lite does not know the name.
 */
export function decodeText(bytes: Buffer, charset: string): string | null {
  if (!iconv.encodingExists(charset)) return null;
  return iconv.decode(bytes, charset);
}

function countByte(bytes: Buffer, b: number): number {
  let n = 0;
  for (let i = bytes.indexOf(b); i >= 0; i = bytes.indexOf(b, i + 1)) n++;
  return n;
}

function countChar(text: string, c: string): number {
  let n = 0;
  for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) n++;
  return n;
}

function firstUnencodable(text: string, iconvName: string, label: string): UnencodableCharacterError {
  for (const ch of text) {
    if (ch !== '?' && iconv.encode(ch, iconvName).includes(0x3f)) {
      return new UnencodableCharacterError(ch, `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, label);
    }
  }
  return new UnencodableCharacterError('?', 'U+003F', label);
}
