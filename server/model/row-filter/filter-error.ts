import { ValidationError } from '../errors';

/**
 * A filter problem at a position, as the user reads it:
 *   Row filter: unknown column SALRY at position 12: "… AND ⟪SALRY⟫ > 1000"
 * (1-based position; the excerpt marks where the problem is). The bare reason and offsets stay on
 * the error, so the ETL language (whose conditions are row-filter conditions) can report the same
 * problem by line and column of its script.
 */
export class FilterSyntaxError extends ValidationError {
  constructor(
    message: string,
    hint: string | undefined,
    /** What is wrong, without position or excerpt ("unknown column SALRY"). */
    readonly reason: string,
    /** 0-based offset in the filter text, and the length of the offending part. */
    readonly pos: number,
    readonly length: number,
  ) {
    super('filter', message, hint);
  }
}

export function filterError(text: string, pos: number, message: string, hint?: string, length = 0): FilterSyntaxError {
  return new FilterSyntaxError(`Row filter: ${message} at position ${pos + 1}: ${excerpt(text, pos, length)}`, hint, message, pos, length);
}

function excerpt(text: string, pos: number, length: number): string {
  const from = Math.max(0, pos - 30);
  const end = Math.min(text.length, pos + Math.max(length, 1));
  const to = Math.min(text.length, end + 30);
  const marked = length > 0 ? `⟪${text.slice(pos, end)}⟫` : '⟪⟫' + text.slice(pos, end);
  return `"${from > 0 ? '…' : ''}${text.slice(from, pos)}${marked}${text.slice(end, to)}${to < text.length ? '…' : ''}"`;
}
