import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps console paths and drops anything that leaves the console', () => {
    expect(safeNext('/tasks/o2k-1?x=1')).toBe('/tasks/o2k-1?x=1');
    expect(safeNext(null)).toBe('/tasks');
    expect(safeNext('https://evil.example/')).toBe('/tasks');
    expect(safeNext('//evil.example/')).toBe('/tasks');
    expect(safeNext('/\\evil.example/')).toBe('/tasks');
  });
});
