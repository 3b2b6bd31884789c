import { describe, expect, it } from 'vitest';
import { connectDescriptor, parseOracleUrl } from './connect-descriptor';

describe('connectDescriptor', () => {
  it('uses SID= for Non-RAC and SERVICE_NAME= for RAC/PDB', () => {
    expect(connectDescriptor({ host: 'db1', port: 1521, kind: 'sid', database: 'ORCL' })).toBe(
      '(DESCRIPTION=(CONNECT_TIMEOUT=15)(ADDRESS=(PROTOCOL=TCP)(HOST=db1)(PORT=1521))(CONNECT_DATA=(SID=ORCL)))',
    );
    expect(connectDescriptor({ host: '10.1.2.3', port: 1522, kind: 'service', database: 'orclpdb1.example.com' }, 5)).toBe(
      '(DESCRIPTION=(CONNECT_TIMEOUT=5)(ADDRESS=(PROTOCOL=TCP)(HOST=10.1.2.3)(PORT=1522))(CONNECT_DATA=(SERVICE_NAME=orclpdb1.example.com)))',
    );
  });

  it('refuses text that would change the descriptor', () => {
    expect(() => connectDescriptor({ host: 'h)(PORT=1', port: 1521, kind: 'sid', database: 'X' })).toThrow(/Invalid host/);
    expect(() => connectDescriptor({ host: 'h', port: 70000, kind: 'sid', database: 'X' })).toThrow(/Invalid port/);
    expect(() => connectDescriptor({ host: 'h', port: 1521, kind: 'service', database: 'A)(SID=B' })).toThrow(/service name/);
  });
});

describe('parseOracleUrl', () => {
  it('reads user, password, host, port and service', () => {
    expect(parseOracleUrl('oracle://dts:p%40ss@localhost:1521/FREEPDB1')).toEqual({
      host: 'localhost', port: 1521, kind: 'service', database: 'FREEPDB1', user: 'dts', password: 'p@ss',
    });
    expect(parseOracleUrl('oracle://u:p@h/ORCL?kind=sid')).toMatchObject({ port: 1521, kind: 'sid', database: 'ORCL' });
    expect(() => parseOracleUrl('postgres://x')).toThrow(/scheme/);
  });
});
