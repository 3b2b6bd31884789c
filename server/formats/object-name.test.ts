import { describe, expect, it } from 'vitest';
import { objectName } from './object-name';

describe('objectName', () => {
  it('joins owner and table with a dot and escapes dots inside names', () => {
    expect(objectName('HR', 'EMPLOYEES')).toBe('HR.EMPLOYEES');
    expect(objectName('A.B', 'C.D.E')).toBe('A\\u002EB.C\\u002ED\\u002EE');
    expect(objectName('HR', '')).toBe('HR');
  });
});
