import { describe, expect, it } from 'vitest';
import { xidToDotted } from './xid';

describe('xidToDotted', () => {
  it('reads USN, SLOT and SQN little-endian by default', () => {
    expect(xidToDotted('0A001F00D3040000')).toBe('10.31.1235');
    expect(xidToDotted('07000000EB470600')).toBe('7.0.411627');
    expect(xidToDotted('ffff0100ffffffff')).toBe('65535.1.4294967295');
  });

  it('reads big-endian layouts when told to', () => {
    expect(xidToDotted('000A001F000004D3', 'big-endian')).toBe('10.31.1235');
  });

  it('passes an already dotted id through and rejects anything else', () => {
    expect(xidToDotted('7.0.411499')).toBe('7.0.411499');
    expect(xidToDotted('')).toBeNull();
    expect(xidToDotted('0A001F00D30400')).toBeNull();
    expect(xidToDotted('0A001F00D304000G')).toBeNull();
  });
});
