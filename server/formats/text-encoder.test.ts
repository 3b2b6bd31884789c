import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { WRITE_CHARSETS } from '../model/write-charset';
import { textEncoder, UnencodableCharacterError } from './text-encoder';

const SAMPLES = ['plain ascii', '中文字符', '繁體中文', 'Zoë Müller', 'a?b', '𠀀 emoji 😀', "O'Brien, \\ \"quoted\""];
const JAVA_TO_ICONV: Record<string, string> = { utf8: 'utf8', gbk: 'gbk', gb18030: 'gb18030', big5: 'big5', 'ISO-8859-1': 'latin1', 'UTF-16BE': 'utf-16be' };

describe('Actual Write Code text encoder', () => {
  it('round-trips every sample each charset can hold, and refuses the others naming the character', () => {
    for (const charset of WRITE_CHARSETS) {
      const enc = textEncoder(charset, 'fail');
      for (const text of SAMPLES) {
        let bytes: Buffer;
        try {
          bytes = enc.encode(text);
        } catch (e) {
          expect(e, `${charset} ${text}`).toBeInstanceOf(UnencodableCharacterError);
          const err = e as UnencodableCharacterError;
          // The named character really is missing from the set, and it is in the text.
          expect(text).toContain(err.character);
          expect(iconv.decode(iconv.encode(err.character, JAVA_TO_ICONV[charset]), JAVA_TO_ICONV[charset])).not.toBe(err.character);
          continue;
        }
        expect(iconv.decode(bytes, JAVA_TO_ICONV[charset]), `${charset} ${text}`).toBe(text);
      }
    }
  });

  it('encodes Chinese text in GBK as GBK bytes, and 4-byte GB18030 for characters outside GBK', () => {
    expect([...textEncoder('gbk', 'fail').encode('中文')]).toEqual([0xd6, 0xd0, 0xce, 0xc4]);
    expect(() => textEncoder('gbk', 'fail').encode('a😀')).toThrow(/GBK has no encoding for "😀" \(U\+1F600\)/);
    const gb = textEncoder('gb18030', 'fail').encode('😀');
    expect(gb.length).toBe(4);
    expect(iconv.decode(gb, 'gb18030')).toBe('😀');
  });

  it('keeps question marks the text already had and still finds a missing character after them', () => {
    expect(textEncoder('big5', 'fail').encode('why?').toString('latin1')).toBe('why?');
    expect(() => textEncoder('ISO-8859-1', 'fail').encode('?? 中')).toThrow(/ISO-8859-1 \(Latin-1\) has no encoding for "中" \(U\+4E2D\)/);
  });

  it('writes "?" for a missing character under the replace policy', () => {
    expect(textEncoder('gbk', 'replace').encode('a😀b').toString('latin1')).toBe('a?b');
  });

  it('writes UTF-16 big-endian without a byte-order mark', () => {
    expect([...textEncoder('UTF-16BE', 'fail').encode('A中')]).toEqual([0x00, 0x41, 0x4e, 0x2d]);
  });
});
