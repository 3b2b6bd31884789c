/**
 * Transaction ids. LogMiner's XID and V$TRANSACTION.XID are the same RAW(8): undo segment number
 * (2 bytes), slot (2 bytes), sequence (4 bytes), each in the platform's byte order. Both gateways
 * select RAWTOHEX(XID), so the two always match; xidFromParts reproduces the little-endian form
 * (Linux x86-64) from XIDUSN/XIDSLOT/XIDSQN, e.g. usn 10, slot 31, sqn 1235 → '0A001F00D3040000'.
 */

export function xidFromParts(usn: number, slot: number, sqn: number): string {
  const b = Buffer.alloc(8);
  b.writeUInt16LE(usn, 0);
  b.writeUInt16LE(slot, 2);
  b.writeUInt32LE(sqn >>> 0, 4);
  return b.toString('hex').toUpperCase();
}

export function xidParts(xid: string): { usn: number; slot: number; sqn: number } {
  if (!/^[0-9A-Fa-f]{16}$/.test(xid)) throw new RangeError(`"${xid}" is not a 16-hex-digit XID`);
  const b = Buffer.from(xid, 'hex');
  return { usn: b.readUInt16LE(0), slot: b.readUInt16LE(2), sqn: b.readUInt32LE(4) };
}
