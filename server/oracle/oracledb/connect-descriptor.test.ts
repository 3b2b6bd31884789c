import { describe, expect, it } from 'vitest';
import { connectDescriptor, normalizePdbName, parseOracleUrl } from './connect-descriptor';
import { setContainerSql } from './database-sql';
import { tlsAttributes } from './session';

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

describe('TCPS and the PDB of a root connection', () => {
  const base = { host: 'db1', port: 2484, kind: 'service' as const, database: 'ORCLCDB', user: 'C##DTS', password: 'x' };

  it('TLS switches the protocol to TCPS and passes the wallet and DN checks as thin-mode attributes', () => {
    expect(connectDescriptor({ ...base, encryption: 'tls' })).toContain('(ADDRESS=(PROTOCOL=TCPS)(HOST=db1)(PORT=2484))');
    expect(connectDescriptor({ ...base, encryption: 'none' })).toContain('(PROTOCOL=TCP)');
    expect(tlsAttributes({ ...base, encryption: 'tls', walletLocation: '/etc/w', walletPassword: 'pw', serverCertDn: 'CN=db1,O=Example' })).toEqual({
      walletLocation: '/etc/w', walletPassword: 'pw', sslServerDNMatch: true, sslServerCertDN: 'CN=db1,O=Example',
    });
    expect(tlsAttributes({ ...base, encryption: 'tls', serverDnMatch: false })).toEqual({ sslServerDNMatch: false });
    expect(tlsAttributes({ ...base, walletLocation: '/etc/w' })).toEqual({});
  });

  it('normalises the PDB name for ALTER SESSION SET CONTAINER and refuses anything else', () => {
    expect(normalizePdbName(' orclpdb1 ')).toBe('ORCLPDB1');
    expect(normalizePdbName('')).toBeNull();
    expect(normalizePdbName(undefined)).toBeNull();
    expect(() => normalizePdbName('PDB1; DROP')).toThrow(/Invalid PDB name/);
    expect(setContainerSql('ORCLPDB1')).toBe('ALTER SESSION SET CONTAINER = ORCLPDB1');
    expect(setContainerSql('CDB$ROOT')).toBe('ALTER SESSION SET CONTAINER = CDB$ROOT');
  });

  it('reads ?pdb= and the TLS options of a test URL', () => {
    expect(parseOracleUrl('oracle://c%23%23dts:pw@h:1521/FREE?pdb=FREEPDB1')).toMatchObject({ user: 'c##dts', database: 'FREE', pdb: 'FREEPDB1' });
    expect(parseOracleUrl('oracle://u:p@h:2484/FREEPDB1?tls=1&wallet=/tmp/w&serverCertDn=CN%3Ddb')).toMatchObject({ encryption: 'tls', walletLocation: '/tmp/w', serverCertDn: 'CN=db' });
  });
});
