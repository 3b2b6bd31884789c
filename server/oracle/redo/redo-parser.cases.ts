/**
 * Catalogue of SQL_REDO shapes the redo parser must read, as data. Every bug fix adds a case with
 * its origin. Origins: "DBZ-nnnn" = the shape of a case in Debezium's LogMinerDmlParserTest
 * (rewritten in our form, our own values), "logminer" = formats LogMiner prints per Oracle type,
 * "edge" = robustness cases of our own, "reject" = input that must fail with RedoParseError.
 */
import type { RedoParseOptions, RedoStatement } from './redo-parser';

export interface RedoParserCase {
  id: string;
  origin: string;
  sqlRedo: string;
  /** Parse options, when the case needs any (relaxed quotes for LogMiner's apostrophe bug). */
  options?: RedoParseOptions;
  /** The parse result, or `{ error }`: a fragment of the RedoParseError message. */
  expected: RedoStatement | { error: string };
}

const ins = (owner: string, table: string, after: Record<string, string | null>): RedoStatement => ({
  operation: 'INSERT',
  owner,
  table,
  after,
  before: null,
});
const upd = (
  owner: string,
  table: string,
  after: Record<string, string | null>,
  before: Record<string, string | null>,
): RedoStatement => ({ operation: 'UPDATE', owner, table, after, before });
const del = (owner: string, table: string, before: Record<string, string | null>): RedoStatement => ({
  operation: 'DELETE',
  owner,
  table,
  after: null,
  before,
});

const TS1 = "TO_TIMESTAMP('2020-02-01 00:00:00.')";
const TS2 = "TO_TIMESTAMP('2020-02-02 00:00:00.')";
const D1 = "TO_DATE('2020-02-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')";
const D2 = "TO_DATE('2020-02-02 00:00:00', 'YYYY-MM-DD HH24:MI:SS')";
const CJK = String.raw`UNISTR('\5317\4EAC\7AD9(\5357\53E3\FF09\FF081024\FF09')`;
const CYR = String.raw`UNISTR('\041C\0438') || UNISTR('\0440\0443')`;

export const REDO_PARSER_CASES: RedoParserCase[] = [
  // ── The three statement forms as LogMiner prints them ────────────────────────────────────────
  {
    id: 'insert-basic',
    origin: 'logminer',
    sqlRedo: `insert into "HR"."EMP"("ID","NAME","HIRED") values ('1','Acme',${D1});`,
    expected: ins('HR', 'EMP', { ID: '1', NAME: 'Acme', HIRED: D1 }),
  },
  {
    id: 'update-basic',
    origin: 'logminer',
    sqlRedo: `update "HR"."EMP" set "NAME" = 'Bob' where "ID" = '1' and "NAME" = 'Acme';`,
    expected: upd('HR', 'EMP', { NAME: 'Bob' }, { ID: '1', NAME: 'Acme' }),
  },
  {
    id: 'delete-basic',
    origin: 'logminer',
    sqlRedo: `delete from "HR"."EMP" where "ID" = '1' and "NAME" = 'Acme' and "X" IS NULL;`,
    expected: del('HR', 'EMP', { ID: '1', NAME: 'Acme', X: null }),
  },
  // ── Debezium catalogue ────────────────────────────────────────────────────────────────────────
  {
    id: 'dbz3078-insert-mixed-values',
    origin: 'DBZ-3078',
    sqlRedo: `insert into "SHOP"."ORDERS"("ID","NAME","TS","UT","DATE","UT2","C1","C2") values ('7','Widget',${TS1},Unsupported Type,${D1},Unsupported Type,NULL,NULL);`,
    expected: ins('SHOP', 'ORDERS', { ID: '7', NAME: 'Widget', TS: TS1, UT: 'Unsupported Type', DATE: D1, UT2: 'Unsupported Type', C1: null, C2: null }),
  },
  {
    id: 'dbz3078-update-mixed-values',
    origin: 'DBZ-3078',
    sqlRedo:
      `update "SHOP"."ORDERS" set "NAME" = 'Gadget', "TS" = ${TS2}, "UT" = Unsupported Type, "DATE" = ${D2}, "UT2" = Unsupported Type, "C1" = NULL ` +
      `where "ID" = '7' and "NAME" = 'Widget' and "TS" = ${TS1} and "UT" = Unsupported Type and "DATE" = ${D1} and "UT2" = Unsupported Type and "C1" = NULL and "IS" IS NULL and "IS2" IS NULL;`,
    expected: upd(
      'SHOP',
      'ORDERS',
      { NAME: 'Gadget', TS: TS2, UT: 'Unsupported Type', DATE: D2, UT2: 'Unsupported Type', C1: null },
      { ID: '7', NAME: 'Widget', TS: TS1, UT: 'Unsupported Type', DATE: D1, UT2: 'Unsupported Type', C1: null, IS: null, IS2: null },
    ),
  },
  {
    id: 'dbz3078-delete-mixed-values',
    origin: 'DBZ-3078',
    sqlRedo: `delete from "SHOP"."ORDERS" where "ID" = '7' and "NAME" = 'Widget' and "TS" = ${TS1} and "UT" = Unsupported Type and "DATE" = ${D1} and "IS" IS NULL and "IS2" IS NULL;`,
    expected: del('SHOP', 'ORDERS', { ID: '7', NAME: 'Widget', TS: TS1, UT: 'Unsupported Type', DATE: D1, IS: null, IS2: null }),
  },
  {
    id: 'dbz3235-update-without-where',
    origin: 'DBZ-3235',
    sqlRedo: `update "APP"."T1" set "COL1" = '10', "COL2" = NULL, "COL3" = 'Hi';`,
    expected: upd('APP', 'T1', { COL1: '10', COL2: null, COL3: 'Hi' }, {}),
  },
  {
    id: 'dbz3235-delete-without-where',
    origin: 'DBZ-3235',
    sqlRedo: `delete from "APP"."T1";`,
    expected: del('APP', 'T1', {}),
  },
  {
    id: 'dbz4194-update-table-alias',
    origin: 'DBZ-4194',
    sqlRedo: `update "APP"."T1" a set a."COL1" = '2', a."COL2" = NULL, a."COL3" = 'Hey';`,
    expected: upd('APP', 'T1', { COL1: '2', COL2: null, COL3: 'Hey' }, {}),
  },
  {
    id: 'dbz4194-delete-table-alias',
    origin: 'DBZ-4194',
    sqlRedo: `delete from "APP"."T1" a where a."COL1" = '2' and a."COL2" = '3' and a."COL3" = Unsupported Type;`,
    expected: del('APP', 'T1', { COL1: '2', COL2: '3', COL3: 'Unsupported Type' }),
  },
  {
    id: 'dbz3258-unknown-object-names-no-semicolon',
    origin: 'DBZ-3258',
    sqlRedo: `insert into "UNKNOWN"."OBJ# 74858"("COL 1") values (1)`,
    expected: ins('UNKNOWN', 'OBJ# 74858', { 'COL 1': '1' }),
  },
  {
    id: 'dbz4891-escaped-quotes-update',
    origin: 'DBZ-4891',
    sqlRedo: `update "APP"."QUOTES" set "TXT" = 'we like ''redo''' where "TXT" = 'keep ''mining'' friends'`,
    expected: upd('APP', 'QUOTES', { TXT: "we like 'redo'" }, { TXT: "keep 'mining' friends" }),
  },
  {
    id: 'dbz4891-escaped-quotes-at-edges-insert',
    origin: 'DBZ-4891',
    sqlRedo: `insert into "APP"."QUOTES" ("TXT") values ('''LogMiner'' rocks')`,
    expected: ins('APP', 'QUOTES', { TXT: "'LogMiner' rocks" }),
  },
  {
    id: 'dbz4891-stray-quote-after-statement',
    origin: 'DBZ-4891',
    sqlRedo: `insert into "APP"."QUOTES" ("TXT") values ('''LogMiner'' rocks')'`,
    expected: { error: 'unexpected text after the end of the statement' },
  },
  {
    id: 'dbz3305-update-no-where-function-last',
    origin: 'DBZ-3305',
    sqlRedo: `update "TICKETS"."ORDER_T" set "PAID" = '0', "UNPAID" = '540', "STATUS" = '10111015', "DEL" = '0', "TM" = TO_DATE('2021-03-17 10:18:55', 'YYYY-MM-DD HH24:MI:SS');`,
    expected: upd('TICKETS', 'ORDER_T', { PAID: '0', UNPAID: '540', STATUS: '10111015', DEL: '0', TM: "TO_DATE('2021-03-17 10:18:55', 'YYYY-MM-DD HH24:MI:SS')" }, {}),
  },
  {
    id: 'dbz3367-unistr-with-parens-insert',
    origin: 'DBZ-3367',
    sqlRedo: `insert into "APP"."STATIONS" ("C1","C2") values (${CJK},NULL);`,
    expected: ins('APP', 'STATIONS', { C1: CJK, C2: null }),
  },
  {
    id: 'dbz3367-unistr-with-parens-update',
    origin: 'DBZ-3367',
    sqlRedo: `update "APP"."STATIONS" set "C2" = ${CJK} where "C1" = ${CJK};`,
    expected: upd('APP', 'STATIONS', { C2: CJK }, { C1: CJK }),
  },
  {
    id: 'dbz3367-unistr-with-parens-delete',
    origin: 'DBZ-3367',
    sqlRedo: `delete from "APP"."STATIONS" where "C1" = ${CJK};`,
    expected: del('APP', 'STATIONS', { C1: CJK }),
  },
  {
    id: 'dbz3413-doubled-quote-insert',
    origin: 'DBZ-3413',
    sqlRedo: `insert into "APP"."PETS"("COL1","COL2") values ('Ann''s cat','0');`,
    expected: ins('APP', 'PETS', { COL1: "Ann's cat", COL2: '0' }),
  },
  {
    id: 'dbz3413-doubled-quote-update-where',
    origin: 'DBZ-3413',
    sqlRedo: `update "APP"."PETS" set "COL2" = '1' where "COL1" = 'Ann''s cat' and "COL2" = '0';`,
    expected: upd('APP', 'PETS', { COL2: '1' }, { COL1: "Ann's cat", COL2: '0' }),
  },
  {
    id: 'dbz3413-doubled-quote-delete',
    origin: 'DBZ-3413',
    sqlRedo: `delete from "APP"."PETS" where "COL1" = 'Ann''s cat' and "COL2" = '1';`,
    expected: del('APP', 'PETS', { COL1: "Ann's cat", COL2: '1' }),
  },
  {
    id: 'dbz3892-unistr-concat-insert',
    origin: 'DBZ-3892',
    sqlRedo: `insert into "APP"."WORDS"("COL1","COL2") values ('1',${CYR});`,
    expected: ins('APP', 'WORDS', { COL1: '1', COL2: CYR }),
  },
  {
    id: 'dbz3892-unistr-concat-set',
    origin: 'DBZ-3892',
    sqlRedo: `update "APP"."WORDS" set "COL2" = ${CYR} where "COL1" = '1' and "COL2" IS NULL;`,
    expected: upd('APP', 'WORDS', { COL2: CYR }, { COL1: '1', COL2: null }),
  },
  {
    id: 'dbz3892-unistr-concat-update-where',
    origin: 'DBZ-3892',
    sqlRedo: `update "APP"."WORDS" set "COL2" = NULL where "COL1" = '1' and "COL2" = ${CYR};`,
    expected: upd('APP', 'WORDS', { COL2: null }, { COL1: '1', COL2: CYR }),
  },
  {
    id: 'dbz3892-unistr-concat-delete',
    origin: 'DBZ-3892',
    sqlRedo: `delete from "APP"."WORDS" where "COL1" = '1' and "COL2" = ${CYR};`,
    expected: del('APP', 'WORDS', { COL1: '1', COL2: CYR }),
  },
  {
    id: 'lob-columns-absent-from-update',
    origin: 'DBZ-LOB (shouldReturnUnavailableColumnValueForLobColumnTypes)',
    sqlRedo: `update "APP"."DOCS" set "COL1" = 'Test', "VAL_CLOB2" = 'X', "VAL_BLOB2" = HEXTORAW('0E') where "ID" = '1';`,
    expected: upd('APP', 'DOCS', { COL1: 'Test', VAL_CLOB2: 'X', VAL_BLOB2: "HEXTORAW('0E')" }, { ID: '1' }),
  },
  {
    id: 'dbz5521-concat-syntax-inside-literals-insert',
    origin: 'DBZ-5521',
    sqlRedo: `insert into "APP"."PIPES" ("COL1","COL2") values ('a||b','c || d');`,
    expected: ins('APP', 'PIPES', { COL1: 'a||b', COL2: 'c || d' }),
  },
  {
    id: 'dbz5521-concat-syntax-inside-literals-update',
    origin: 'DBZ-5521',
    sqlRedo: `update "APP"."PIPES" set "COL1" = 'a||b||c' where "COL1" = 'a||b' and "COL2" = 'c || d';`,
    expected: upd('APP', 'PIPES', { COL1: 'a||b||c' }, { COL1: 'a||b', COL2: 'c || d' }),
  },
  {
    id: 'dbz5521-concat-syntax-inside-literals-delete',
    origin: 'DBZ-5521',
    sqlRedo: `delete from "APP"."PIPES" where "COL1" = 'a||b' and "COL2" = 'c || d';`,
    expected: del('APP', 'PIPES', { COL1: 'a||b', COL2: 'c || d' }),
  },
  {
    id: 'dbz3401-schema-mismatch-insert',
    origin: 'DBZ-3401',
    sqlRedo: `insert into "APP"."DBZ3401" ("COL 1","COL 2") values (HEXTORAW('c109'),HEXTORAW('7465737435'));`,
    expected: ins('APP', 'DBZ3401', { 'COL 1': "HEXTORAW('c109')", 'COL 2': "HEXTORAW('7465737435')" }),
  },
  {
    id: 'dbz3401-schema-mismatch-update',
    origin: 'DBZ-3401',
    sqlRedo: `update "APP"."DBZ3401" set "COL 2" = HEXTORAW('d'), "COL 1" = HEXTORAW('c') where "COL 2" = HEXTORAW('b') and "COL 1" = HEXTORAW('a');`,
    expected: upd('APP', 'DBZ3401', { 'COL 2': "HEXTORAW('d')", 'COL 1': "HEXTORAW('c')" }, { 'COL 2': "HEXTORAW('b')", 'COL 1': "HEXTORAW('a')" }),
  },
  {
    id: 'dbz3401-schema-mismatch-delete',
    origin: 'DBZ-3401',
    sqlRedo: `delete from "APP"."DBZ3401" where "COL 1" = HEXTORAW('a') and "COL 2" = HEXTORAW('b');`,
    expected: del('APP', 'DBZ3401', { 'COL 1': "HEXTORAW('a')", 'COL 2': "HEXTORAW('b')" }),
  },
  {
    id: 'dbz8200-unescaped-apostrophes-and-double-quotes',
    options: { relaxedQuotes: true },
    origin: 'DBZ-8200',
    sqlRedo: `update "INS"."CLAIMS" set "DESCR" = '" je suis sortie et j'ai glissé sur le sol mouillé, l'épaule droite a heurté le bord"' where "PKEY" = '2310822';`,
    expected: upd('INS', 'CLAIMS', { DESCR: `" je suis sortie et j'ai glissé sur le sol mouillé, l'épaule droite a heurté le bord"` }, { PKEY: '2310822' }),
  },
  {
    id: 'dbz8034-unescaped-apostrophes',
    options: { relaxedQuotes: true },
    origin: 'DBZ-8034',
    sqlRedo: `update "INS"."CLAIMS" set "DESCR" = '"Le casque s'est détendu à cause du vent; le livreur l'a remis."' where "PKEY" = '3228569776';`,
    expected: upd('INS', 'CLAIMS', { DESCR: `"Le casque s'est détendu à cause du vent; le livreur l'a remis."` }, { PKEY: '3228569776' }),
  },
  {
    id: 'dbz8869-unescaped-apostrophe-before-comma',
    options: { relaxedQuotes: true },
    origin: 'DBZ-8869',
    sqlRedo: `update "S"."TAB" set "DESCRIPTION" = 'durante l'attivita', il liquido penetrava nei guanti', "NAME" = 'Another field', does it work?' where "ID" = '1' and "NAME" = 'Acme';`,
    expected: upd(
      'S',
      'TAB',
      { DESCRIPTION: "durante l'attivita', il liquido penetrava nei guanti", NAME: "Another field', does it work?" },
      { ID: '1', NAME: 'Acme' },
    ),
  },
  {
    id: 'dbz9191-unescaped-apostrophes-insert',
    options: { relaxedQuotes: true },
    origin: 'DBZ-9191',
    sqlRedo: `insert into "S"."TAB"("NAME","DATA") values ('12345','Il a coupé le circuit de la pompe d'aspiration, puis a démonté le flexible. Il s'est rincé la bouche.');`,
    expected: ins('S', 'TAB', { NAME: '12345', DATA: "Il a coupé le circuit de la pompe d'aspiration, puis a démonté le flexible. Il s'est rincé la bouche." }),
  },
  {
    id: 'dbz9191-unescaped-apostrophes-rejected-when-strict',
    origin: 'DBZ-9191',
    sqlRedo: `insert into "S"."TAB"("NAME","DATA") values ('12345','la pompe d'aspiration');`,
    expected: { error: "expected ',' or ')' after a value" },
  },
  {
    id: 'relaxed-quotes-still-reject-truncation',
    origin: 'reject',
    options: { relaxedQuotes: true },
    sqlRedo: `update "S"."TAB" set "D" = 'l'eau' where "ID" = '1`,
    expected: { error: 'unexpected text after the end of the statement' },
  },
  // ── Values per Oracle type, as LogMiner prints them ──────────────────────────────────────────
  {
    id: 'types-temporal-and-interval',
    origin: 'logminer',
    sqlRedo:
      `insert into "HR"."TYPES"("D","TS0","TS6","TS9","TSTZ","TSTZR","YM","DS") values (TO_DATE('1999-12-31 23:59:59', 'YYYY-MM-DD HH24:MI:SS'),` +
      `TO_TIMESTAMP('2020-02-01 00:00:00.'),TO_TIMESTAMP('2020-02-01 10:11:12.123456'),TO_TIMESTAMP('2020-02-01 10:11:12.123456789'),` +
      `TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 +08:00'),TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 Asia/Shanghai'),TO_YMINTERVAL('+02-03'),TO_DSINTERVAL('+01 02:03:04.500000'));`,
    expected: ins('HR', 'TYPES', {
      D: "TO_DATE('1999-12-31 23:59:59', 'YYYY-MM-DD HH24:MI:SS')",
      TS0: "TO_TIMESTAMP('2020-02-01 00:00:00.')",
      TS6: "TO_TIMESTAMP('2020-02-01 10:11:12.123456')",
      TS9: "TO_TIMESTAMP('2020-02-01 10:11:12.123456789')",
      TSTZ: "TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 +08:00')",
      TSTZR: "TO_TIMESTAMP_TZ('2020-02-01 00:00:00.000000 Asia/Shanghai')",
      YM: "TO_YMINTERVAL('+02-03')",
      DS: "TO_DSINTERVAL('+01 02:03:04.500000')",
    }),
  },
  {
    id: 'types-numbers-lobs-raw',
    origin: 'logminer',
    sqlRedo: `insert into "HR"."TYPES"("N","NFRAC","NNEG","BD","BF","NAN","R","C","B","NC") values ('42','.5','-12.75','1.5E+000','-1.10000002E+000','Nan',HEXTORAW('0a1b'),EMPTY_CLOB(),EMPTY_BLOB(),UNISTR('caf\\00E9'));`,
    expected: ins('HR', 'TYPES', {
      N: '42',
      NFRAC: '.5',
      NNEG: '-12.75',
      BD: '1.5E+000',
      BF: '-1.10000002E+000',
      NAN: 'Nan',
      R: "HEXTORAW('0a1b')",
      C: 'EMPTY_CLOB()',
      B: 'EMPTY_BLOB()',
      NC: String.raw`UNISTR('caf\00E9')`,
    }),
  },
  {
    id: 'lob-insert-then-update-small-clob',
    origin: 'logminer (LOB under 2k: INSERT EMPTY_CLOB() then UPDATE)',
    sqlRedo: `update "HR"."DOCS" set "BODY" = 'short text' where "ID" = '3';`,
    expected: upd('HR', 'DOCS', { BODY: 'short text' }, { ID: '3' }),
  },
  {
    id: 'json-comment-before-value',
    origin: 'logminer (21c JSON column)',
    sqlRedo: `insert into "APP"."JDOCS"("ID","DOC") values ('1',/* JSON */ HEXTORAW('7b2261223a317d'));`,
    expected: ins('APP', 'JDOCS', { ID: '1', DOC: "HEXTORAW('7b2261223a317d')" }),
  },
  {
    id: 'json-comment-in-set-and-where',
    origin: 'logminer (21c JSON column)',
    sqlRedo: `update "APP"."JDOCS" set "DOC" = /* JSON */ HEXTORAW('7b7d') where "ID" = '1' and "DOC" = /* JSON */ HEXTORAW('7b2261223a317d');`,
    expected: upd('APP', 'JDOCS', { DOC: "HEXTORAW('7b7d')" }, { ID: '1', DOC: "HEXTORAW('7b2261223a317d')" }),
  },
  {
    id: 'rowid-in-where-is-dropped',
    origin: 'logminer (mined without NO_ROWID_IN_STMT)',
    sqlRedo: `update "HR"."EMP" set "SALARY" = '2400' where "ID" = '7' and "SALARY" = '2300' and ROWID = 'AAAR3sAAEAAAACXAAA';`,
    expected: upd('HR', 'EMP', { SALARY: '2400' }, { ID: '7', SALARY: '2300' }),
  },
  {
    id: 'rowid-only-where',
    origin: 'logminer (no supplemental logging)',
    sqlRedo: `delete from "HR"."EMP" where ROWID = 'AAAR3sAAEAAAACXAAA';`,
    expected: del('HR', 'EMP', {}),
  },
  // ── Identifiers ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'identifiers-with-spaces-dots-and-quotes',
    origin: 'edge',
    sqlRedo: `insert into "MY.SCHEMA"."Tab ""X"" 1"("a.b","c d","""q""") values ('1','2','3');`,
    expected: ins('MY.SCHEMA', 'Tab "X" 1', { 'a.b': '1', 'c d': '2', '"q"': '3' }),
  },
  {
    id: 'identifiers-long-and-mixed-case',
    origin: 'edge',
    sqlRedo: `update "Sales"."OrderLines_With_A_Name_Longer_Than_30_Bytes" set "lineTotal" = '9.99' where "lineId" = '12';`,
    expected: upd('Sales', 'OrderLines_With_A_Name_Longer_Than_30_Bytes', { lineTotal: '9.99' }, { lineId: '12' }),
  },
  {
    id: 'identifier-named-like-keywords',
    origin: 'edge',
    sqlRedo: `update "HR"."WHERE" set "SET" = 'x', "AND" = NULL where "IS" = '1' and "NULL" IS NULL;`,
    expected: upd('HR', 'WHERE', { SET: 'x', AND: null }, { IS: '1', NULL: null }),
  },
  {
    id: 'identifier-proto',
    origin: 'edge',
    sqlRedo: `insert into "HR"."P"("__proto__","constructor") values ('1','2');`,
    expected: ins('HR', 'P', JSON.parse('{"__proto__":"1","constructor":"2"}') as Record<string, string>),
  },
  {
    id: 'unquoted-identifiers',
    origin: 'edge',
    sqlRedo: `insert into HR.EMP(ID,NAME) values ('1','x');`,
    expected: ins('HR', 'EMP', { ID: '1', NAME: 'x' }),
  },
  {
    id: 'table-without-owner',
    origin: 'edge',
    sqlRedo: `delete from "T" where "A" = '1';`,
    expected: del('', 'T', { A: '1' }),
  },
  // ── Literal contents that look like syntax ───────────────────────────────────────────────────
  {
    id: 'literal-contains-syntax',
    origin: 'edge',
    sqlRedo: `update "HR"."N" set "T" = 'a, "B" = ''x'' where "C" = 1 and ; ) (' where "ID" = ' and ' and "Z" = '=';`,
    expected: upd('HR', 'N', { T: `a, "B" = 'x' where "C" = 1 and ; ) (` }, { ID: ' and ', Z: '=' }),
  },
  {
    id: 'literal-with-newlines-and-tabs',
    origin: 'edge',
    sqlRedo: `insert into "HR"."N"("T") values ('line 1\nline 2\ttab\r\n');`,
    expected: ins('HR', 'N', { T: 'line 1\nline 2\ttab\r\n' }),
  },
  {
    id: 'literal-unicode',
    origin: 'edge',
    sqlRedo: `insert into "HR"."N"("T","E") values ('北京站 — naïve 😀','');`,
    expected: ins('HR', 'N', { T: '北京站 — naïve 😀', E: '' }),
  },
  {
    id: 'literal-only-quotes',
    origin: 'edge',
    sqlRedo: `insert into "HR"."N"("T") values ('''''''');`,
    expected: ins('HR', 'N', { T: "'''" }),
  },
  {
    id: 'long-literal-joined-from-csf-rows',
    origin: 'logminer (CSF continuation rows joined)',
    sqlRedo: `insert into "HR"."N"("ID","T") values ('1','${'x'.repeat(9000)}');`,
    expected: ins('HR', 'N', { ID: '1', T: 'x'.repeat(9000) }),
  },
  {
    id: 'concatenated-plain-literals-join',
    origin: 'logminer (extended VARCHAR2 split into literals)',
    sqlRedo: `update "HR"."N" set "T" = 'abc' || 'def' || 'g''h' where "ID" = '1';`,
    expected: upd('HR', 'N', { T: "abcdefg'h" }, { ID: '1' }),
  },
  {
    id: 'concatenated-mixed-kept-verbatim',
    origin: 'edge',
    sqlRedo: String.raw`insert into "HR"."N"("T") values ('caf' || UNISTR('\00E9'));`,
    expected: ins('HR', 'N', { T: String.raw`'caf' || UNISTR('\00E9')` }),
  },
  {
    id: 'bare-numbers',
    origin: 'edge',
    sqlRedo: `insert into "HR"."N"("A","B","C","D") values (-1.5E+10,.5,0,+3);`,
    expected: ins('HR', 'N', { A: '-1.5E+10', B: '.5', C: '0', D: '+3' }),
  },
  // ── Whitespace and case ──────────────────────────────────────────────────────────────────────
  {
    id: 'free-form-whitespace',
    origin: 'edge',
    sqlRedo: `  update   "HR"."EMP"\n  set "NAME"='Bob' ,\t"AGE" =  NULL\n where "ID"='1'   and\n"X"  IS   NULL  ;  \n`,
    expected: upd('HR', 'EMP', { NAME: 'Bob', AGE: null }, { ID: '1', X: null }),
  },
  {
    id: 'insert-space-before-column-list-and-tight-values',
    origin: 'logminer',
    sqlRedo: `insert into "HR"."EMP" ( "ID" , "NAME" ) values ( '1' , 'x' ) ;`,
    expected: ins('HR', 'EMP', { ID: '1', NAME: 'x' }),
  },
  {
    id: 'upper-case-keywords',
    origin: 'edge',
    sqlRedo: `UPDATE "HR"."EMP" SET "NAME" = null WHERE "ID" = '1' AND "X" is null`,
    expected: upd('HR', 'EMP', { NAME: null }, { ID: '1', X: null }),
  },
  {
    id: 'repeated-column-last-wins',
    origin: 'edge',
    sqlRedo: `update "HR"."EMP" set "A" = '1', "A" = '2' where "A" = '0';`,
    expected: upd('HR', 'EMP', { A: '2' }, { A: '0' }),
  },
  // ── Input that is not a DML statement, or is broken ──────────────────────────────────────────
  { id: 'reject-empty', origin: 'reject', sqlRedo: '', expected: { error: "expected 'insert into', 'update' or 'delete from'" } },
  { id: 'reject-commit', origin: 'reject', sqlRedo: 'commit;', expected: { error: "expected 'insert into'" } },
  { id: 'reject-set-transaction', origin: 'reject', sqlRedo: 'set transaction read write;', expected: { error: "expected 'insert into'" } },
  { id: 'reject-ddl', origin: 'reject', sqlRedo: 'create table "HR"."X" ("A" NUMBER);', expected: { error: "expected 'insert into'" } },
  {
    id: 'reject-lob-locator-block',
    origin: 'reject',
    sqlRedo: `DECLARE loc_c CLOB; buf_c VARCHAR2(6174); BEGIN select "VAL_CLOB" into loc_c from "HR"."DOCS" where "ID" = '2' for update;`,
    expected: { error: "expected 'insert into'" },
  },
  {
    id: 'reject-unterminated-literal',
    origin: 'reject',
    sqlRedo: `insert into "HR"."EMP"("ID","NAME") values ('1','Acme`,
    expected: { error: 'unterminated quoted literal' },
  },
  {
    id: 'reject-truncated-csf-join',
    origin: 'reject',
    sqlRedo: `update "HR"."EMP" set "NAME" = 'Bob' where "ID" = '1' and "NA`,
    expected: { error: 'unterminated quoted identifier' },
  },
  {
    id: 'reject-fewer-values-than-columns',
    origin: 'reject',
    sqlRedo: `insert into "HR"."EMP"("ID","NAME") values ('1');`,
    expected: { error: '1 values for 2 columns' },
  },
  {
    id: 'reject-more-values-than-columns',
    origin: 'reject',
    sqlRedo: `insert into "HR"."EMP"("ID") values ('1','2');`,
    expected: { error: 'more values than the 1 columns listed' },
  },
  { id: 'reject-missing-values', origin: 'reject', sqlRedo: `insert into "HR"."EMP"("ID") ('1');`, expected: { error: "expected 'values'" } },
  {
    id: 'reject-values-list-not-closed',
    origin: 'reject',
    sqlRedo: `insert into "HR"."EMP"("D") values (TO_DATE('2020-01-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS');`,
    expected: { error: "expected ',' or ')' after a value" },
  },
  {
    id: 'reject-unbalanced-function',
    origin: 'reject',
    sqlRedo: `insert into "HR"."EMP"("D") values (TO_DATE('2020-01-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS'`,
    expected: { error: 'unbalanced parentheses' },
  },
  {
    id: 'reject-update-without-set',
    origin: 'reject',
    sqlRedo: `update "HR"."EMP" where "ID" = '1';`,
    expected: { error: "expected 'set'" },
  },
  {
    id: 'reject-other-comparison',
    origin: 'reject',
    sqlRedo: `delete from "HR"."EMP" where "ID" > '1';`,
    expected: { error: "expected '=' or 'IS NULL'" },
  },
  {
    id: 'reject-or-in-where',
    origin: 'reject',
    sqlRedo: `delete from "HR"."EMP" where "ID" = '1' or "ID" = '2';`,
    expected: { error: 'unexpected text after the end of the statement' },
  },
  {
    id: 'reject-two-statements',
    origin: 'reject',
    sqlRedo: `delete from "HR"."EMP" where "ID" = '1'; delete from "HR"."EMP" where "ID" = '2';`,
    expected: { error: 'unexpected text after the end of the statement' },
  },
  {
    id: 'reject-unterminated-comment',
    origin: 'reject',
    sqlRedo: `insert into "HR"."EMP"("ID") values (/* JSON HEXTORAW('00'));`,
    expected: { error: 'unterminated comment' },
  },
  {
    id: 'reject-empty-value',
    origin: 'reject',
    sqlRedo: `insert into "HR"."EMP"("ID","N") values ('1',);`,
    expected: { error: 'expected a value' },
  },
];
