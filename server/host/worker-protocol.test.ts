import { describe, expect, it } from 'vitest';
import { decodeAssignment, decodeMetadata, encodeAssignment, encodeMetadata } from './worker-protocol';

describe('the worker group protocol', () => {
  it('round-trips metadata and assignments as versioned JSON', () => {
    const m = { worker: 'w-db7-4121-9f3a', host: 'db7', version: '0.1.0', owned: ['o2k-a', 'o2k-b'] };
    expect(JSON.parse(encodeMetadata(m).toString('utf8'))).toEqual({ v: 1, ...m });
    expect(decodeMetadata(encodeMetadata(m))).toEqual({ v: 1, ...m });
    const a = { generation: 12, leader: 'w-db7-4121-9f3a', tasks: ['o2k-a'], handOver: ['o2k-b'] };
    expect(decodeAssignment(encodeAssignment(a))).toEqual({ v: 1, ...a });
  });

  it('treats a stranger in the group as owning nothing, and an empty or foreign assignment as run nothing', () => {
    expect(decodeMetadata(Buffer.from('not json'))).toBeNull();
    expect(decodeMetadata(Buffer.from('{"v":2,"worker":"w","owned":[]}'))).toBeNull();
    expect(decodeMetadata(Buffer.from('{"v":1,"worker":"w","owned":["t1",7]}'))?.owned).toEqual(['t1']);
    const nothing = { v: 1, generation: -1, leader: '', tasks: [], handOver: [] };
    expect(decodeAssignment(Buffer.alloc(0))).toEqual(nothing);
    expect(decodeAssignment(null)).toEqual(nothing);
    expect(decodeAssignment(Buffer.from('{"version":0,"partitions":{}}'))).toEqual(nothing);
  });
});
