/**
 * Oracle LIKE: `%` any run of characters (also none), `_` exactly one character, an optional escape
 * character making the next `%`, `_` or itself literal. Characters are code points ('_' matches '😀').
 *   likeMatcher('A\_%', '\')('A_b') → true     likeMatcher('A\_%', '\')('Ab') → false
 * Matching is the iterative two-pointer wildcard algorithm: no regular expressions, no exponential
 * backtracking (worst case O(text × pattern)).
 */

const ANY_ONE = -1;
const ANY_RUN = -2;

export function likeMatcher(pattern: string, escape?: string): (text: string) => boolean {
  const p = compile(pattern, escape);
  const simple = p.every((c) => c < 0 || c < 0xd800 || c > 0xdfff);
  return (text) => match(p, simple && !hasSurrogates(text) ? unitsOf(text) : codePointsOf(text));
}

function compile(pattern: string, escape?: string): number[] {
  const esc = escape === undefined ? -3 : escape.codePointAt(0)!;
  const out: number[] = [];
  const cps = codePointsOf(pattern);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    if (c === esc && i + 1 < cps.length) {
      out.push(cps[++i]);
    } else if (c === 37 /* % */) {
      if (out[out.length - 1] !== ANY_RUN) out.push(ANY_RUN);
    } else if (c === 95 /* _ */) out.push(ANY_ONE);
    else out.push(c);
  }
  return out;
}

function match(p: number[], t: ArrayLike<number>): boolean {
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    const pc = pi < p.length ? p[pi] : -4;
    if (pc === ANY_ONE || pc === t[ti]) {
      pi++;
      ti++;
    } else if (pc === ANY_RUN) {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === ANY_RUN) pi++;
  return pi === p.length;
}

function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

function unitsOf(s: string): number[] {
  const out = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function codePointsOf(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}
