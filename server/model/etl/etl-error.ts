import { ValidationError } from '../errors';
import { fieldLabel } from '../field-labels';

/** The wizard field an ETL script lives in (field-labels.ts: "Advanced Settings › ETL script"). */
export const ETL_SCRIPT_FIELD = 'advanced.etl.script';
const ETL_SCRIPT_LABEL = fieldLabel(ETL_SCRIPT_FIELD);

/**
 * A script problem where the user wrote it:
 *   HR.EMPLOYEES: line 3, column 9: unknown column SALRY in "set PAY = ⟪SALRY⟫ * 12" (hint: Did you mean SALARY? …)
 * `table` is set when the problem exists only against one table's columns.
 */
export class EtlScriptError extends ValidationError {
  constructor(
    message: string,
    hint: string | undefined,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
    readonly table: string | null,
  ) {
    super(ETL_SCRIPT_FIELD, message, hint);
  }
}

/** "Advanced Settings › ETL script: HR.JOBS: line 3, …" — the message as a task, an API client or the CLI reads it. */
export function withScriptLabel(e: unknown): unknown {
  if (e instanceof EtlScriptError && !e.message.startsWith(ETL_SCRIPT_LABEL)) e.message = `${ETL_SCRIPT_LABEL}: ${e.message}`;
  return e;
}

export function etlError(text: string, pos: number, len: number, reason: string, hint?: string, table: string | null = null): EtlScriptError {
  const { line, column } = lineColumn(text, pos);
  const where = `line ${line}, column ${column}`;
  return new EtlScriptError(`${table ? `${table}: ` : ''}${where}: ${reason} in ${excerpt(text, pos, len)}`, hint, line, column, reason, table);
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: pos - start + 1 };
}

/** The line holding `pos`, the problem marked ⟪…⟫ (trimmed to 80 characters around it). */
function excerpt(text: string, pos: number, len: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  let lineEnd = text.indexOf('\n', pos);
  if (lineEnd < 0) lineEnd = text.length;
  const end = Math.min(lineEnd, pos + Math.max(len, 0));
  const from = Math.max(lineStart, pos - 40);
  const to = Math.min(lineEnd, end + 40);
  const body = `${text.slice(from, pos)}⟪${text.slice(pos, end)}⟫${text.slice(end, to)}`.trim();
  return `"${from > lineStart ? '…' : ''}${body}${to < lineEnd ? '…' : ''}"`;
}
