import { describe, expect, it } from 'vitest';
import { compareRowIds, rowIdParts } from './rowid';

describe('ROWIDs', () => {
  it('decodes object, file, block and row', () => {
    // Object 73196 = 'AAAR3s', file 4 = 'AAE', block 151 = 'AAAACX', row 0 = 'AAA'.
    expect(rowIdParts('AAAR3sAAEAAAACXAAA')).toEqual([73196, 4, 151, 0]);
  });

  it('orders as Oracle does, not as the strings sort', () => {
    // Block 52 is 'AAAAA0', block 26 'AAAAAa': ASCII puts '0' first, Oracle puts 52 after 26.
    const b26 = 'AAAR3sAAEAAAAAaAAA';
    const b52 = 'AAAR3sAAEAAAAA0AAA';
    expect(b52 < b26).toBe(true);
    expect(compareRowIds(b26, b52)).toBeLessThan(0);
    expect(compareRowIds(b52, b52)).toBe(0);
    expect(compareRowIds('AAAR3sAAFAAAAAAAAA', 'AAAR3sAAEAAAAA/AAA')).toBeGreaterThan(0); // file before block
  });
});
