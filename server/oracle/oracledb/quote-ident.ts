import { ValidationError } from '../../model/errors';

/**
 * Every identifier that reaches SQL text goes through here: validated, then double-quoted so the
 * dictionary spelling is used verbatim (case, spaces, `$`, `#`). Binds carry every value.
 *
 *   quoteIdent('EMPLOYEES')      → "EMPLOYEES"
 *   quoteIdent('Order Lines')    → "Order Lines"
 *   quoteIdent('x"; DROP TABLE') → throws ValidationError (quotes cannot be inside a quoted identifier)
 */

/** Oracle 12.2+ allows identifiers up to 128 bytes; older releases 30. */
export const MAX_IDENTIFIER_BYTES = 128;

export function validateIdentifier(name: string, what = 'identifier'): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ValidationError(what, `Empty ${what}`, 'Oracle names cannot be empty.');
  }
  if (name.includes('"') || name.includes('\0')) {
    throw new ValidationError(what, `Invalid ${what} ${JSON.stringify(name)}: contains a double quote or NUL`, 'Oracle quoted identifiers cannot contain double quotes or NUL characters.');
  }
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new ValidationError(what, `Invalid ${what} ${JSON.stringify(name.slice(0, 40))}…: ${bytes} bytes is longer than Oracle's ${MAX_IDENTIFIER_BYTES}-byte limit`, 'Use the name exactly as the dictionary stores it.');
  }
  return name;
}

export function quoteIdent(name: string, what?: string): string {
  return `"${validateIdentifier(name, what)}"`;
}

/** "OWNER"."TABLE" */
export function quoteQualified(owner: string, table: string): string {
  return `${quoteIdent(owner, 'owner')}.${quoteIdent(table, 'table')}`;
}
