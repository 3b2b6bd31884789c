import { describe, expect, it } from 'vitest';
import { addLogfileSql, contentsQuery, startLogmnr } from './logminer-sql';
import { xidFromParts, xidParts } from './xid';

describe('LogMiner session SQL', () => {
  it('adds the first file with NEW and the rest with ADDFILE', () => {
    expect(addLogfileSql(true)).toBe('BEGIN SYS.DBMS_LOGMNR.ADD_LOGFILE(LOGFILENAME => :name, OPTIONS => SYS.DBMS_LOGMNR.NEW); END;');
    expect(addLogfileSql(false)).toContain('SYS.DBMS_LOGMNR.ADDFILE');
  });

  it('starts with the online catalog, without ROWID in SQL_REDO, ENDSCN inclusive', () => {
    expect(startLogmnr(1000n, 21000n)).toEqual({
      sql: 'BEGIN SYS.DBMS_LOGMNR.START_LOGMNR(STARTSCN => TO_NUMBER(:startScn), ENDSCN => TO_NUMBER(:endScn), OPTIONS => SYS.DBMS_LOGMNR.DICT_FROM_ONLINE_CATALOG + SYS.DBMS_LOGMNR.NO_ROWID_IN_STMT); END;',
      binds: { startScn: '1000', endScn: '20999' },
    });
  });

  it('reads control rows of every transaction plus the rows of the selected owners', () => {
    const q = contentsQuery(1000n, 21000n, ['HR', 'SALES']);
    expect(q.sql).toBe(
      "SELECT SCN, OPERATION_CODE, OPERATION, SQL_REDO, RAWTOHEX(XID) AS XID, CSF, ROW_ID, ROLLBACK, SEG_OWNER, TABLE_NAME, (TIMESTAMP - DATE '1970-01-01') * 86400 AS TS_EPOCH, COMMIT_SCN, USERNAME, RS_ID, SSN, INFO, STATUS, DATA_OBJ#, SRC_CON_NAME, CON_ID " +
        'FROM V$LOGMNR_CONTENTS WHERE SCN >= TO_NUMBER(:fromScn) AND SCN < TO_NUMBER(:toScn) AND (OPERATION_CODE IN (6, 7, 36) OR SEG_OWNER IN (:o0, :o1))',
    );
    expect(q.binds).toEqual({ fromScn: '1000', toScn: '21000', o0: 'HR', o1: 'SALES' });
    expect(contentsQuery(1n, 2n).sql).not.toContain('SEG_OWNER IN');
    expect(contentsQuery(1n, 2n).sql).not.toContain(':con');
  });

  it('mining in CDB$ROOT for one PDB keeps that container’s rows (and every control row)', () => {
    const q = contentsQuery(1000n, 21000n, ['HR'], { container: 'PDB1' });
    expect(q.sql).toContain('AND SCN < TO_NUMBER(:toScn) AND (SRC_CON_NAME = :con OR OPERATION_CODE IN (6, 7, 36)) AND (OPERATION_CODE IN (6, 7, 36) OR SEG_OWNER IN (:o0))');
    expect(q.binds).toEqual({ fromScn: '1000', toScn: '21000', con: 'PDB1', o0: 'HR' });
  });

  it('pushes the table selection into the query: whole schemas by owner, listed tables by name (with the owner’s DDL)', () => {
    const q = contentsQuery(1000n, 21000n, ['HR', 'SALES'], {
      selection: [
        { owner: 'HR', tables: null },
        { owner: 'SALES', tables: ['ORDERS', 'ORDER_LINES'] },
      ],
    });
    expect(q.sql).toContain(
      'AND (OPERATION_CODE IN (6, 7, 36) OR SEG_OWNER IN (:o0) OR (SEG_OWNER = :o1 AND (OPERATION_CODE = 5 OR TABLE_NAME IN (:o1t0, :o1t1))))',
    );
    expect(q.binds).toEqual({ fromScn: '1000', toScn: '21000', o0: 'HR', o1: 'SALES', o1t0: 'ORDERS', o1t1: 'ORDER_LINES' });
    // A name is always a bind, never SQL text; IN lists stay under ORA-01795's 1,000.
    const odd = contentsQuery(1n, 2n, [], { selection: [{ owner: 'A', tables: ["X') OR 1=1 --"] }] });
    expect(odd.sql).not.toContain('1=1');
    const many = contentsQuery(1n, 2n, [], { selection: [{ owner: 'A', tables: Array.from({ length: 2500 }, (_, i) => `T${i}`) }] });
    expect(many.sql.match(/TABLE_NAME IN \(/g)).toHaveLength(3);
  });

  it('keeps rows LogMiner could not name when their object number is a migrated table', () => {
    const q = contentsQuery(1n, 2n, ['HR'], { objectIds: [73101, 73102] });
    expect(q.sql).toContain("OR SEG_OWNER IN (:o0) OR (SEG_OWNER = 'UNKNOWN' AND (DATA_OBJ# IN (73101, 73102))))");
    const many = contentsQuery(1n, 2n, ['HR'], { objectIds: Array.from({ length: 1500 }, (_, i) => i + 1) });
    expect(many.sql.match(/DATA_OBJ# IN \(/g)).toHaveLength(2); // at most 1,000 per IN list
  });

  it('starts LogMiner with the dictionary from the redo logs, DDL tracked, when asked', () => {
    expect(startLogmnr(100n, 200n).sql).toContain('DICT_FROM_ONLINE_CATALOG');
    const redo = startLogmnr(100n, 200n, true).sql;
    expect(redo).toContain('SYS.DBMS_LOGMNR.DICT_FROM_REDO_LOGS + SYS.DBMS_LOGMNR.DDL_DICT_TRACKING');
    expect(redo).not.toContain('ONLINE_CATALOG');
  });
});

describe('XID', () => {
  it('matches the little-endian RAW(8) LogMiner prints', () => {
    expect(xidFromParts(10, 31, 1235)).toBe('0A001F00D3040000');
    expect(xidParts('0A001F00D3040000')).toEqual({ usn: 10, slot: 31, sqn: 1235 });
    expect(() => xidParts('XYZ')).toThrow(RangeError);
  });
});
