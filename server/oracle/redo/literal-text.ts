/**
 * Small readers and writers for the SQL literal forms inside one SQL_REDO value, e.g.
 *   'Bob''s dog'                                 a quoted literal ('' is one quote)
 *   UNISTR('\0412\044B') || UNISTR('\043F\043E')  NCHAR text LogMiner could not print as is
 *   TO_DATE('2020-02-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')
 * The redo parser keeps such values verbatim; these helpers take them apart for typed conversion.
 */

/** 'it''s' → it's; null unless `text` is exactly one quoted literal. */
export function unquote(text: string): string | null {
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== 39 || text.charCodeAt(n - 1) !== 39) return null;
  let out = '';
  let from = 1;
  for (let i = 1; i < n - 1; i++) {
    if (text.charCodeAt(i) === 39) {
      if (text.charCodeAt(i + 1) !== 39 || i + 1 === n - 1) return null;
      out += text.slice(from, i + 1);
      i++;
      from = i + 1;
    }
  }
  return out + text.slice(from, n - 1);
}

/** it's → 'it''s' */
export function quote(s: string): string {
  return "'" + (s.includes("'") ? s.replaceAll("'", "''") : s) + "'";
}

/** Splits `A || B || C` at the top level (outside quotes and parentheses); one part when no `||`. */
export function splitConcatenation(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuote) {
      if (c === 39) inQuote = false; // a doubled '' re-enters on the next char
    } else if (c === 39) inQuote = true;
    else if (c === 40) depth++;
    else if (c === 41) depth--;
    else if (c === 124 && depth === 0 && text.charCodeAt(i + 1) === 124) {
      parts.push(text.slice(start, i).trim());
      i++;
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

export interface CallText {
  /** Upper-cased function name. */
  name: string;
  /** Each argument: the content of a quoted literal, or the trimmed bare text. */
  args: string[];
}

/** NAME('a', 'b') → { name: 'NAME', args: ['a', 'b'] }; null unless `text` is one such call. */
export function parseCall(text: string): CallText | null {
  const s = text.trim();
  const open = s.indexOf('(');
  if (open <= 0 || s.charCodeAt(s.length - 1) !== 41) return null;
  const name = s.slice(0, open).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_$#]*$/.test(name)) return null;
  const args: string[] = [];
  let i = open + 1;
  const end = s.length - 1;
  while (i < end && s.charCodeAt(i) === 32) i++;
  while (i < end) {
    let argEnd: number;
    let value: string;
    if (s.charCodeAt(i) === 39) {
      argEnd = closingQuote(s, i);
      if (argEnd < 0) return null;
      const content = unquote(s.slice(i, argEnd + 1));
      if (content === null) return null;
      value = content;
      argEnd++;
    } else {
      argEnd = i;
      while (argEnd < end && s.charCodeAt(argEnd) !== 44) argEnd++;
      value = s.slice(i, argEnd).trim();
    }
    args.push(value);
    i = argEnd;
    while (i < end && s.charCodeAt(i) === 32) i++;
    if (i < end) {
      if (s.charCodeAt(i) !== 44) return null;
      i++;
      while (i < end && s.charCodeAt(i) === 32) i++;
    }
  }
  return { name: name.toUpperCase(), args };
}

/** Index of the quote closing the literal that opens at `start`, skipping doubled quotes; -1 if none. */
function closingQuote(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s.charCodeAt(i) === 39) {
      if (s.charCodeAt(i + 1) === 39) i++;
      else return i;
    }
  }
  return -1;
}

/**
 * UNISTR argument → text: `\XXXX` is one UTF-16 code unit (surrogate pairs come as two), `\\` a
 * backslash. Returns null on a malformed escape.
 */
export function decodeUnistr(content: string): string | null {
  if (!content.includes('\\')) return content;
  let out = '';
  let from = 0;
  for (let i = 0; i < content.length; i++) {
    if (content.charCodeAt(i) !== 92) continue;
    out += content.slice(from, i);
    if (content.charCodeAt(i + 1) === 92) {
      out += '\\';
      i++;
    } else {
      const hex = content.slice(i + 1, i + 5);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return null;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    }
    from = i + 1;
  }
  return out + content.slice(from);
}

/** Text → UNISTR argument (unquoted): printable ASCII as is, everything else and `\` as `\XXXX`. */
export function encodeUnistr(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 32 && c < 127 && c !== 92) out += text[i];
    else out += '\\' + c.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** True when every char is printable ASCII (LogMiner prints such NCHAR text as a plain literal). */
export function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c >= 127) return false;
  }
  return true;
}
