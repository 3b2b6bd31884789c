import type { FilterLiteral } from '../row-filter-ast';

/**
 * Parsed form of an ETL script (syntax in ./index.ts), e.g.
 *   for HR.EMPLOYEES { set EMAIL = LOWER(EMAIL); mask PHONE partial(3, 2); }
 *   → [{ scope: { owner: 'HR', table: 'EMPLOYEES' }, statements: [set EMAIL = call LOWER(column EMAIL), mask PHONE partial 3 2] }]
 * Every node keeps where it was written (`pos`, `len`: offsets in the script) for messages by
 * line and column. Column names are not checked here: a script is checked per table (./compile.ts).
 */
export interface Located {
  pos: number;
  len: number;
}

export type EtlExpr = Located &
  (
    | { kind: 'literal'; value: FilterLiteral }
    | { kind: 'column'; name: string; quoted: boolean }
    | { kind: 'neg'; item: EtlExpr }
    | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '||'; left: EtlExpr; right: EtlExpr }
    | { kind: 'call'; name: string; args: EtlExpr[] }
    | { kind: 'extract'; field: ExtractField; from: EtlExpr }
    | { kind: 'case'; branches: { when: EtlCondition; then: EtlExpr }[]; otherwise: EtlExpr | null }
  );

export const EXTRACT_FIELDS = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'] as const;
export type ExtractField = (typeof EXTRACT_FIELDS)[number];

/** A row-filter condition inside a script: its text (comments blanked) and where it starts. */
export interface EtlCondition extends Located {
  text: string;
}

export type MaskMethod = { kind: 'hash' } | { kind: 'partial'; keepStart: number; keepEnd: number };

export const AUDIT_VALUES = ['op', 'commit_time', 'scn', 'xid'] as const;
export type AuditValue = (typeof AUDIT_VALUES)[number];

/** A column named by a statement (`set X`, `drop X`, …) with where it was written. */
export interface ColumnRef extends Located {
  name: string;
  quoted: boolean;
}

export type EtlStatement = Located &
  (
    | { kind: 'keep'; when: EtlCondition }
    | { kind: 'set'; column: ColumnRef; expr: EtlExpr }
    | { kind: 'drop'; column: ColumnRef }
    | { kind: 'mask'; column: ColumnRef; method: MaskMethod }
    | { kind: 'audit'; value: AuditValue; column: ColumnRef }
  );

export interface EtlBlock extends Located {
  /** null: statements for every selected table; else `for OWNER.TABLE { … }`. */
  scope: { owner: string; table: string } | null;
  statements: EtlStatement[];
}

export interface EtlScript {
  text: string;
  blocks: EtlBlock[];
}
