/**
 * LogMiner prints XID as the 8 raw bytes of Oracle's transaction id struct in hex:
 * USN (undo segment, 2 bytes), SLOT (2 bytes), SQN (wrap sequence, 4 bytes), each in the source
 * platform's byte order. V$TRANSACTION shows the same transaction as XIDUSN/XIDSLOT/XIDSQN, and
 * SharePlex prints it as "USN.SLOT.SQN" in decimal:
 *
 *   XID 0A001F00D3040000 (Linux x86-64, little-endian) → 0A00=10, 1F00=31, D3040000=1235 → "10.31.1235"
 *   XID 000A001F000004D3 (big-endian: AIX, Solaris SPARC, HP-UX)                     → "10.31.1235"
 *
 * Little-endian is the default because nearly every Oracle server today runs on x86-64 or
 * little-endian Linux on POWER/ARM; a big-endian source sets `byteOrder: 'big-endian'`.
 */
export type XidByteOrder = 'little-endian' | 'big-endian';

const HEX16 = /^[0-9A-Fa-f]{16}$/;
const DOTTED = /^\d+\.\d+\.\d+$/;

export function xidToDotted(xid: string, byteOrder: XidByteOrder = 'little-endian'): string | null {
  if (DOTTED.test(xid)) return xid;
  if (!HEX16.test(xid)) return null;
  const b = Buffer.from(xid, 'hex');
  if (byteOrder === 'little-endian') return `${b.readUInt16LE(0)}.${b.readUInt16LE(2)}.${b.readUInt32LE(4)}`;
  return `${b.readUInt16BE(0)}.${b.readUInt16BE(2)}.${b.readUInt32BE(4)}`;
}
