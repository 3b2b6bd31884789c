import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../change-event';
import type { ColumnMeta, ColumnValue, OracleDateTime, OracleType } from '../oracle-types';
import { checkEtlScript, compileEtl, EtlRunner, EtlScriptError, parseEtlScript, type EtlRowContext } from '.';

function c(name: string, type: OracleType): ColumnMeta {
  return { name, type, dataLength: 0, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null };
}
const dt = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): OracleDateTime => ({ year: y, month: mo, day: d, hour: h, minute: mi, second: s, nanos: 0 });

const EMP = {
  owner: 'HR',
  name: 'EMP',
  columns: [c('ID', 'NUMBER'), c('FIRST_NAME', 'VARCHAR2'), c('LAST_NAME', 'VARCHAR2'), c('EMAIL', 'VARCHAR2'), c('PHONE', 'VARCHAR2'), c('SALARY', 'NUMBER'), c('HIRED', 'DATE'), c('SSN', 'CHAR')],
  primaryKey: ['ID'],
  uniqueKeys: [['EMAIL']],
};
const ROW: ColumnValue[] = ['7', 'Ada', 'Lovelace', 'ADA@EXAMPLE.COM', '5551234567', '1000.5', dt(2024, 1, 31, 9, 30), '123-45-6789'];
const CTX: EtlRowContext = { op: 'INSERT', scn: 5012345n, commitTimeMs: Date.UTC(2026, 11, 6, 10, 0, 0, 250), txId: '0A001F00D3040000', hash: (t) => `h(${t})` };

/** The script run on ROW: output column names → values. */
function run(script: string, row: ColumnValue[] = ROW, ctx = CTX): { keep: boolean | undefined; out: Record<string, unknown> } {
  const plan = compileEtl(parseEtlScript(script), EMP);
  const r = plan.run(row, ctx);
  return { keep: r.keep, out: Object.fromEntries(plan.columns.map((col, i) => [col.name, r.row[i]])) };
}

/** The error a script gets against EMP (parse or check). */
function problem(script: string): EtlScriptError {
  const errors = checkEtlScript(script, [EMP]);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors[0]).toBeInstanceOf(EtlScriptError);
  return errors[0] as EtlScriptError;
}

describe('ETL statements', () => {
  it('set derives columns with string functions, || and CONCAT, appended at the end', () => {
    const { out } = run(`set FULL_NAME = UPPER(FIRST_NAME || ' ' || LAST_NAME);
      set INITIALS = CONCAT(SUBSTR(FIRST_NAME, 1, 1), SUBSTR(LAST_NAME, 1, 1));
      set MAIL = LOWER(TRIM('  ' || EMAIL || '  '));
      set NAME_LEN = LENGTH(LAST_NAME);
      set LAST4 = SUBSTR(PHONE, -4)`);
    expect(out).toMatchObject({ FULL_NAME: 'ADA LOVELACE', INITIALS: 'AL', MAIL: 'ada@example.com', NAME_LEN: '8', LAST4: '4567' });
    expect(Object.keys(out).slice(-5)).toEqual(['FULL_NAME', 'INITIALS', 'MAIL', 'NAME_LEN', 'LAST4']);
  });

  it('set computes exact decimal arithmetic with Oracle precedence', () => {
    const { out } = run('set A = SALARY * 12 + 0.1 * 3; set B = -SALARY / 4; set C = ROUND(SALARY / 3, 2); set D = (SALARY + 1) * 2; set E = 1 / 0; set F = MOD(10, 3)');
    expect(out).toMatchObject({ A: '12006.3', B: '-250.125', C: '333.5', D: '2003', E: null, F: '1' });
  });

  it('set uses date functions and date arithmetic without a clock', () => {
    const { out } = run(`set D1 = TO_CHAR(HIRED, 'YYYY-MM-DD HH24:MI'); set Y = EXTRACT(YEAR FROM HIRED); set NEXT = ADD_MONTHS(HIRED, 1);
      set LATER = HIRED + 1.5; set DAYS = DATE '2024-03-01' - DATE '2024-01-31'`);
    expect(out).toMatchObject({ D1: '2024-01-31 09:30', Y: '2024', NEXT: dt(2024, 2, 29, 9, 30), LATER: dt(2024, 2, 1, 21, 30), DAYS: '30' });
  });

  it('set evaluates CASE WHEN with row-filter conditions, NULL when no branch and no ELSE', () => {
    const script = "set BAND = CASE WHEN SALARY >= 5000 THEN 'high' WHEN SALARY >= 1000 THEN 'mid' END";
    expect(run(script).out.BAND).toBe('mid');
    expect(run(script, ROW.map((v, i) => (i === 5 ? '10' : v))).out.BAND).toBe(null);
    expect(run(script, ROW.map((v, i) => (i === 5 ? '9000' : v))).out.BAND).toBe('high');
  });

  it('set overwrites a column in place, keeping its declared type', () => {
    const plan = compileEtl(parseEtlScript('set EMAIL = LOWER(EMAIL)'), EMP);
    expect(plan.columns.map((x) => x.name)).toEqual(EMP.columns.map((x) => x.name));
    expect(plan.columns[3]).toBe(EMP.columns[3]);
    expect(plan.run(ROW, CTX).row[3]).toBe('ada@example.com');
    // The unique key on EMAIL no longer holds the source's values: it is not passed on.
    expect(plan.uniqueKeys).toEqual([]);
  });

  it('drop leaves a column out; mask hash and partial replace values', () => {
    const { out } = run('drop SSN; mask PHONE partial(3, 2); mask LAST_NAME hash; mask FIRST_NAME partial(1, 5)');
    expect('SSN' in out).toBe(false);
    expect(out).toMatchObject({ PHONE: '555*****67', LAST_NAME: 'h(Lovelace)', FIRST_NAME: '***' });
  });

  it('the hash mask is SHA-256 over the task salt and the value', () => {
    const runner = new EtlRunner('mask EMAIL hash', 'task-1');
    const e = runner.apply(event('INSERT', null, ROW)).event!;
    const expected = createHash('sha256').update('task-1\u0000ADA@EXAMPLE.COM').digest('hex');
    expect(e.after![3]).toBe(expected);
    expect(new EtlRunner('mask EMAIL hash', 'task-2').apply(event('INSERT', null, ROW)).event!.after![3]).not.toBe(expected);
  });

  it('audit adds the operation, commit time, SCN and transaction id', () => {
    const { out } = run('audit op AS OP; audit commit_time AS AT; audit scn AS SCN; audit xid AS XID');
    expect(out).toMatchObject({ OP: 'INSERT', AT: { year: 2026, month: 12, day: 6, hour: 10, minute: 0, second: 0, nanos: 250_000_000 }, SCN: '5012345', XID: '0A001F00D3040000' });
    expect(run('audit xid AS XID', ROW, { ...CTX, op: 'INIT', txId: '' }).out.XID).toBe(null);
  });

  it('keep when filters on source and derived columns', () => {
    expect(run('keep when SALARY > 1000').keep).toBe(true);
    expect(run('keep when SALARY > 2000').keep).toBe(false);
    expect(run('set Y = EXTRACT(YEAR FROM HIRED); keep when Y = 2023').keep).toBe(false);
    expect(run('keep when SALARY > 2000', ROW.map((v, i) => (i === 5 ? undefined : v)) as ColumnValue[]).keep).toBe(undefined);
  });

  it('for blocks apply to their table only; global statements to all', () => {
    const script = 'audit op AS OP; for HR.OTHER { drop SSN; } for HR.EMP { mask SSN partial(0, 4); }';
    expect(run(script).out).toMatchObject({ OP: 'INSERT', SSN: '*******6789' });
  });
});

function event(op: ChangeEvent['op'], before: ColumnValue[] | null, after: ColumnValue[] | null): ChangeEvent {
  return { op, owner: 'HR', table: 'EMP', columns: EMP.columns, primaryKey: ['ID'], uniqueKeys: EMP.uniqueKeys, before, after, scn: 10n, commitScn: 11n, txId: 'AB', seqInTx: 1, txSize: 1, commitTimeMs: 0 };
}

describe('ETL on change events', () => {
  const runner = new EtlRunner("keep when SALARY >= 1000; set PAY_YEAR = SALARY * 12; drop SSN; audit op AS OP", 's');
  const withSalary = (s: string) => ROW.map((v, i) => (i === 5 ? s : v));

  it('reuses one output column array per table', () => {
    const a = runner.apply(event('INSERT', null, ROW)).event!;
    const b = runner.apply(event('DELETE', ROW, null)).event!;
    expect(a.columns).toBe(b.columns);
    expect(a.columns.map((x) => x.name)).toEqual(['ID', 'FIRST_NAME', 'LAST_NAME', 'EMAIL', 'PHONE', 'SALARY', 'HIRED', 'PAY_YEAR', 'OP']);
    expect(b.before!.at(-2)).toBe('12006');
  });

  it('an UPDATE entering or leaving the kept rows becomes an INSERT or a DELETE', () => {
    expect(runner.apply(event('UPDATE', withSalary('10'), ROW)).event).toMatchObject({ op: 'INSERT', before: null });
    expect(runner.apply(event('UPDATE', ROW, withSalary('10'))).event).toMatchObject({ op: 'DELETE', after: null });
    expect(runner.apply(event('UPDATE', withSalary('10'), withSalary('20'))).event).toBe(null);
    const kept = runner.apply(event('UPDATE', ROW, withSalary('2000'))).event!;
    expect(kept.op).toBe('UPDATE');
    expect(kept.after!.at(-1)).toBe('UPDATE');
    expect(runner.apply(event('INSERT', null, withSalary('5'))).event).toBe(null);
  });

  it('DDL passes unchanged', () => {
    const ddl: ChangeEvent = { ...event('DDL', null, null), columns: [], ddl: 'ALTER TABLE HR.EMP ADD X NUMBER' };
    expect(runner.apply(ddl).event).toBe(ddl);
  });
});

describe('ETL errors name line and column', () => {
  it('syntax errors', () => {
    const e = problem('set A = 1;\nset B = (SALARY + ;');
    expect(e.line).toBe(2);
    expect(e.column).toBe(19);
    expect(e.message).toMatch(/^line 2, column 19: expected a value, a column or a function, found ";"/);
    expect(problem('keep SALARY > 1').message).toMatch(/line 1, column 6: expected WHEN after KEEP/);
    expect(problem('mask EMAIL scramble').message).toMatch(/expected hash or partial/);
    expect(problem('audit user AS U').message).toMatch(/expected what to audit \(op, commit_time, scn, xid\)/);
    expect(problem('set A = 1 set B = 2').message).toMatch(/line 1, column 11: expected ";" to end the set statement/);
    expect(problem('for HR.EMP { drop SSN;').message).toMatch(/missing "}"/);
  });

  it('errors inside a keep condition come from the row filter, placed in the script', () => {
    const e = problem('drop SSN;\n  keep when SALARY >> 1');
    expect(e.line).toBe(2);
    expect(e.column).toBe(21);
  });

  it('a computed value in a condition points to set', () => {
    const e = problem('keep when SALARY * 12 > 1000');
    expect(e.message).toMatch(/line 1, column 18: arithmetic \(\*\) is not supported in a keep\/WHEN condition/);
    expect(e.hint).toMatch(/set PAY_YEAR = SALARY \* 12/);
  });

  it('unknown column with did-you-mean, and a dropped column', () => {
    const e = problem('set PAY = SALRY * 12');
    expect(e.message).toMatch(/^HR\.EMP: line 1, column 11: unknown column SALRY/);
    expect(e.hint).toMatch(/Did you mean SALARY\?/);
    expect(problem('drop SSN; set X = SSN').message).toMatch(/column SSN was dropped on line 1/);
    expect(problem('keep when SALRY > 1').hint).toMatch(/Did you mean SALARY/);
  });

  it('unknown function with did-you-mean', () => {
    const e = problem('set A = UPPPER(EMAIL)');
    expect(e.message).toMatch(/line 1, column 9: unknown function UPPPER/);
    expect(e.hint).toMatch(/Did you mean UPPER/);
  });

  it('type mismatches', () => {
    expect(problem('set A = UPPER(SALARY)').message).toMatch(/column 15: type mismatch: UPPER expects text as argument 1, but NUMBER column SALARY is a number/);
    expect(problem("set A = EMAIL + 1").message).toMatch(/type mismatch/);
    expect(problem("set SALARY = 'x'").message).toMatch(/type mismatch: NUMBER column SALARY is set to text/);
    expect(problem("set A = CASE WHEN SALARY > 1 THEN 1 ELSE 'x' END").message).toMatch(/the CASE branches give a number and text/);
    expect(problem("set A = TO_CHAR(HIRED, 'YYYY-QQQ-XX')").message).toMatch(/not a date format element/);
  });

  it('key columns cannot be dropped, masked or set', () => {
    expect(problem('mask ID hash').message).toMatch(/ID is a primary key column of HR\.EMP and cannot be masked/);
    expect(problem('drop ID').message).toMatch(/cannot be dropped/);
    expect(problem('set ID = ID + 1').message).toMatch(/cannot be set/);
  });

  it('a block for a table that is not selected, and audit names already taken', () => {
    expect(problem('for HR.NOPE { drop X; }').message).toMatch(/HR\.NOPE is not among the selected objects/);
    expect(problem('audit op AS EMAIL').message).toMatch(/already has a column EMAIL/);
  });

  it('a good script has no problems', () => {
    expect(checkEtlScript('-- all good\nfor HR.EMP { mask SSN hash; set Y = EXTRACT(YEAR FROM HIRED); }', [EMP])).toEqual([]);
  });
});
