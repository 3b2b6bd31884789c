import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../model/errors';
import { quoteIdent, quoteQualified } from './quote-ident';

describe('quoteIdent', () => {
  it('quotes dictionary spellings verbatim', () => {
    expect(quoteIdent('EMPLOYEES')).toBe('"EMPLOYEES"');
    expect(quoteIdent('Order Lines')).toBe('"Order Lines"');
    expect(quoteIdent('A$B#C.D')).toBe('"A$B#C.D"');
    expect(quoteQualified('HR', 'JOBS')).toBe('"HR"."JOBS"');
  });

  it('rejects quotes, NUL, empty and over-long names', () => {
    expect(() => quoteIdent('x"; DROP TABLE T; --')).toThrow(ValidationError);
    expect(() => quoteIdent('a\0b')).toThrow(ValidationError);
    expect(() => quoteIdent('')).toThrow(/Empty/);
    expect(() => quoteIdent('X'.repeat(129))).toThrow(/129 bytes/);
    expect(quoteIdent('X'.repeat(128))).toHaveLength(130);
    // multi-byte characters count in bytes, as Oracle counts them
    expect(() => quoteIdent('é'.repeat(65))).toThrow(/130 bytes/);
  });
});
