/**
 * What a verification run found, per table: the source's rows AS OF an SCN against the replay of
 * the task's topic up to that SCN, matched by key. Shared by the verifier, the store, the API, the
 * CLI and the task page.
 *
 *   { table: 'HR.EMPLOYEES', status: 'differences', sourceRows: 500, kafkaRows: 500, compared: 500,
 *     matched: 499, missingCount: 0, extraCount: 0, differentCount: 1,
 *     different: [{ key: '17', columns: ['SALARY'], source: { ID: '17', SALARY: '900' }, kafka: { ID: '17', SALARY: '901' } }] }
 *
 * Values are in the text form of server/formats/value-text.ts. Lists keep the first
 * DIFFERENCES_LISTED keys of each kind; the counts are complete.
 */
export const DIFFERENCES_LISTED = 100;

export type RowImageText = Record<string, string | null>;

export interface RowDifference {
  /** The message key text: key values joined by "," (server/formats/message-key.ts). */
  key: string;
  /** Columns whose values differ (for missing/extra: empty). */
  columns: string[];
  source: RowImageText | null;
  kafka: RowImageText | null;
}

export type TableVerdict = 'verified' | 'differences' | 'unprovable';

export interface TableVerification {
  /** Table as the topic names it (after mapping), "OWNER.TABLE". */
  table: string;
  /** Source table, "OWNER.TABLE". */
  sourceTable: string;
  status: TableVerdict;
  /** For 'unprovable': why this table cannot be proven (e.g. retention deleted records). */
  reason?: string;
  sourceRows: number;
  kafkaRows: number;
  /** Source rows compared with a replayed row of the same key. */
  compared: number;
  matched: number;
  missingCount: number;
  extraCount: number;
  differentCount: number;
  missing: RowDifference[];
  extra: RowDifference[];
  different: RowDifference[];
}

export type VerificationOutcome = 'passed' | 'differences' | 'unprovable';

export interface VerificationReport {
  taskId: string;
  /** The SCN the source was read AS OF and the topic replayed up to (decimal). */
  scn: string;
  topic: string;
  format: 'dts-avro' | 'shareplex-json';
  /** Records read from the topic (read_committed), and of those applied (commit SCN ≤ scn). */
  recordsRead: number;
  recordsApplied: number;
  /** Records of tables the task does not select (e.g. another task writing to the same topic). */
  otherTables: { table: string; records: number }[];
  tables: TableVerification[];
  outcome: VerificationOutcome;
  startedAt: string;
  finishedAt: string;
  /** Limits that apply to the whole run, in sentences. */
  notes: string[];
}

/** passed: every table verified; differences: at least one difference; unprovable: none found, but some table could not be proven. */
export function outcomeOf(tables: readonly TableVerification[]): VerificationOutcome {
  if (tables.some((t) => t.status === 'differences')) return 'differences';
  if (tables.some((t) => t.status === 'unprovable')) return 'unprovable';
  return 'passed';
}

/**
 * The SCN a user may ask to verify at (console form, API, CLI `--scn`): decimal digits, or empty
 * for the latest SCN the task has committed.
 */
export function parseVerificationScn(text: string | undefined): bigint | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  if (!/^\d{1,20}$/.test(t)) throw new RangeError(`SCN "${t}" is not a number: enter the SCN as decimal digits (e.g. 5012345), or leave it empty for the latest SCN the task has committed.`);
  return BigInt(t);
}
