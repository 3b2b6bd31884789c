import { describe, expect, it } from 'vitest';
import { OracleError } from '../model/errors';
import { containerSwitchError, extractOracleCode, translateOracleError } from './ora-errors';

function driverError(code: string, message: string, cause?: unknown): Error {
  const e = new Error(message, cause ? { cause } : undefined) as Error & { code: string };
  e.code = code;
  return e;
}

const ctx = { host: 'db.example', port: 1521, kind: 'service' as const, database: 'ORCLPDB1', user: 'DTS' };

describe('multitenant, pool and transport errors', () => {
  it('ORA-65040 (LogMiner inside a PDB before 19c) names the root + PDB setup', () => {
    const e = translateOracleError(driverError('ORA-65040', 'ORA-65040: operation not allowed from within a pluggable database'), { operation: 'mining SCN 1..2' });
    expect(e.code).toBe('ORA-65040');
    expect(e.retriable).toBe(false);
    expect(e.message).toContain('19c');
    expect(e.hint).toContain('PDB Name');
    expect(e.hint).toContain('CDB$ROOT');
  });

  it('a failed SET CONTAINER says which PDB and the grant that fixes it', () => {
    const e = containerSwitchError(driverError('ORA-01031', 'ORA-01031: insufficient privileges'), 'ORCLPDB1', 'C##DTS');
    expect(e.message).toBe('Cannot read PDB ORCLPDB1 as C##DTS: insufficient privileges (ORA-01031)');
    expect(e.hint).toContain('GRANT SET CONTAINER TO C##DTS CONTAINER=ALL;');
    expect(containerSwitchError(driverError('ORA-65011', 'ORA-65011: Pluggable database X does not exist.'), 'X', 'C##DTS').hint).toContain('V$PDBS');
  });

  it('NJS-040 (pool queue timeout) is retriable and points at the parallelism', () => {
    const e = translateOracleError(driverError('NJS-040', 'NJS-040: connection request timeout. Request exceeded "queueTimeout" of 60000'), ctx);
    expect(e.code).toBe('NJS-040');
    expect(e.retriable).toBe(true);
    expect(e.hint).toContain('Tables read in parallel');
  });

  it('NJS-533 (native network encryption required) names TLS as the fix; NJS-531/532 mean the same', () => {
    const e = translateOracleError(driverError('NJS-533', 'NJS-533: Advanced Networking Option service negotiation failed. Native Network Encryption and DataIntegrity only supported in node-oracledb thick mode.\nCause: ORA-12660'), ctx);
    expect(e.code).toBe('NJS-533');
    expect(e.retriable).toBe(false);
    expect(e.message).toContain('native network encryption');
    expect(e.hint).toContain('TCPS');
    expect(translateOracleError(driverError('NJS-532', 'NJS-532: Encryption service recieved status failure'), ctx).code).toBe('NJS-533');
    const tls = translateOracleError(driverError('NJS-506', 'NJS-506: connection to host h port 1521 encountered TLS handshake failure.'), ctx);
    expect(tls.hint).toContain('TCPS listener');
  });
});

describe('translateOracleError', () => {
  it('explains a wrong password with the account named', () => {
    const e = translateOracleError(driverError('ORA-01017', 'ORA-01017: invalid credential or not authorized; logon denied'), ctx);
    expect(e).toBeInstanceOf(OracleError);
    expect(e.code).toBe('ORA-01017');
    expect(e.retriable).toBe(false);
    expect(e.message).toContain('db.example:1521');
    expect(e.message).toContain('"DTS"');
    expect(e.message).toContain('wrong database account or password');
    expect(e.hint).toMatch(/case-sensitive/);
  });

  it('maps thin-mode NJS-518/519 to the ORA codes users look up', () => {
    const svc = translateOracleError(driverError('NJS-518', 'NJS-518: cannot connect to Oracle Database. Service "X" is not registered with the listener'), ctx);
    expect(svc.code).toBe('ORA-12514');
    expect(svc.hint).toMatch(/lsnrctl services/);
    const sid = translateOracleError(driverError('NJS-519', 'NJS-519: cannot connect. SID "ORCL" is not registered'), { ...ctx, kind: 'sid', database: 'ORCL' });
    expect(sid.code).toBe('ORA-12505');
    expect(sid.message).toContain('SID "ORCL"');
  });

  it('reads the listener refusal reason carried inside NJS-511', () => {
    const e = translateOracleError(driverError('NJS-511', 'NJS-511: connection to listener at host h port 1521 was refused. (CONNECTION_ID=x)\nCause: ORA-12505'));
    expect(e.code).toBe('ORA-12505');
  });

  it('treats a refused socket inside NJS-503 as retriable "refused"', () => {
    const sock = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:1521'), { code: 'ECONNREFUSED' });
    const e = translateOracleError(driverError('NJS-503', 'NJS-503: connection to host 10.0.0.1 port 1521 could not be established. (CONNECTION_ID=a)\nError: connect ECONNREFUSED 10.0.0.1:1521'), ctx);
    expect(e.code).toBe('CONN-REFUSED');
    expect(e.retriable).toBe(true);
    expect(e.message).toContain('refused');
    expect(translateOracleError(sock).code).toBe('CONN-REFUSED');
  });

  it('reports timeouts and unknown hosts distinctly', () => {
    expect(translateOracleError(driverError('NJS-510', 'NJS-510: connection to host h port 1 timed out.')).code).toBe('CONN-TIMEOUT');
    const dns = translateOracleError(Object.assign(new Error('getaddrinfo ENOTFOUND nohost'), { code: 'ENOTFOUND' }));
    expect(dns.code).toBe('HOST-NOT-FOUND');
    expect(dns.retriable).toBe(false);
  });

  it('marks lost connections and log-switch mining errors retriable, snapshot-too-old not', () => {
    for (const code of ['ORA-03113', 'ORA-03114', 'ORA-03135', 'NJS-500', 'ORA-01291', 'ORA-00310', 'ORA-01013']) {
      expect(translateOracleError(driverError(code, `${code}: x`)).retriable, code).toBe(true);
    }
    for (const code of ['ORA-01555', 'ORA-01031', 'ORA-00942', 'ORA-01017']) {
      expect(translateOracleError(driverError(code, `${code}: x`)).retriable, code).toBe(false);
    }
  });

  it('names the operation for runtime errors', () => {
    const e = translateOracleError(driverError('ORA-01555', 'ORA-01555: snapshot too old'), { operation: 'reading HR.EMPLOYEES AS OF SCN 100' });
    expect(e.message).toBe('Oracle error while reading HR.EMPLOYEES AS OF SCN 100: snapshot too old: undo for the snapshot SCN is gone (ORA-01555)');
    expect(e.hint).toMatch(/UNDO_RETENTION/);
  });

  it('finds a code only in the message text and in a cause chain', () => {
    expect(extractOracleCode(new Error('ORA-00942: table or view does not exist'))).toBe('ORA-00942');
    expect(extractOracleCode(new Error('wrapper', { cause: driverError('ORA-01031', 'ORA-01031: insufficient privileges') }))).toBe('ORA-01031');
    expect(extractOracleCode(new Error('nothing here'))).toBeNull();
  });

  it('keeps unknown codes with the original text and does not re-wrap', () => {
    const e = translateOracleError(driverError('ORA-99999', 'ORA-99999: something odd'));
    expect(e.code).toBe('ORA-99999');
    expect(e.retriable).toBe(false);
    expect(e.message).toContain('something odd');
    expect(translateOracleError(e)).toBe(e);
  });
});
