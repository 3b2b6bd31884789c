import { tokenize, type SqlToken } from '../../oracle/sql-tokens';

/**
 * DTS does not migrate foreign keys: removes them from a CREATE TABLE (as DBMS_METADATA prints it)
 * and reports how many were removed. Out-of-line constraints go with their comma; inline column
 * constraints lose only the REFERENCES part.
 *
 *   CREATE TABLE "HR"."EMP" ("ID" NUMBER, "DEPT" NUMBER CONSTRAINT "FK1" REFERENCES "HR"."DEPT" ("ID") ENABLE,
 *      CONSTRAINT "FK2" FOREIGN KEY ("MGR") REFERENCES "HR"."EMP" ("ID") ON DELETE CASCADE ENABLE)
 *   → CREATE TABLE "HR"."EMP" ("ID" NUMBER, "DEPT" NUMBER)          { removed: 2 }
 *
 * An `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY` statement is dropped whole (returns null).
 */
export interface StripResult {
  ddl: string | null;
  removed: number;
}

const sig = (t: SqlToken) => t.kind !== 'ws' && t.kind !== 'comment';
const isWord = (t: SqlToken | undefined, w: string) => t?.kind === 'word' && t.name === w;
const isPunct = (t: SqlToken | undefined, p: string) => t?.kind === 'punct' && t.text === p;

export function stripForeignKeys(ddl: string): StripResult {
  const toks = tokenize(ddl);
  const idx = toks.map((t, i) => (sig(t) ? i : -1)).filter((i) => i >= 0);
  const w = (k: number) => toks[idx[k]!];
  if (isWord(w(0), 'ALTER') && idx.some((_, k) => isWord(w(k), 'FOREIGN') || isWord(w(k), 'REFERENCES'))) return { ddl: null, removed: 1 };
  // CREATE … TABLE name ( elements )
  let k = 0;
  while (k < idx.length && !isWord(w(k), 'TABLE')) k++;
  while (k < idx.length && !isPunct(w(k), '(')) k++;
  if (k >= idx.length) return { ddl, removed: 0 };
  const open = k;
  let depth = 0;
  let close = idx.length;
  const commas: number[] = [];
  for (let p = open; p < idx.length; p++) {
    const t = w(p)!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')') && --depth === 0) {
      close = p;
      break;
    } else if (isPunct(t, ',') && depth === 1) commas.push(p);
  }
  const bounds = [open, ...commas, close];
  const drop = new Set<number>(); // raw token indices to remove
  let removed = 0;
  for (let e = 0; e + 1 < bounds.length; e++) {
    const from = bounds[e]! + 1;
    const to = bounds[e + 1]!;
    const words = (p: number) => w(p);
    let start = from;
    if (isWord(words(start), 'CONSTRAINT')) start += 2;
    if (isWord(words(start), 'FOREIGN')) {
      // Whole element, with the comma before it (or after it when it is the first element).
      const lo = e === 0 ? idx[from]! : idx[bounds[e]!]!;
      const hi = e === 0 && bounds.length > 2 ? idx[bounds[e + 1]!]! : idx[to - 1]!;
      for (let r = lo; r <= hi; r++) drop.add(r);
      removed++;
      continue;
    }
    // Inline: [CONSTRAINT name] REFERENCES t [(cols)] [ON DELETE …] [state…]
    for (let p = from; p < to; p++) {
      if (!isWord(words(p), 'REFERENCES')) continue;
      let s = p;
      if (isWord(words(p - 2), 'CONSTRAINT')) s = p - 2;
      let q = p + 1;
      let d = 0;
      while (q < to) {
        const t = words(q)!;
        if (isPunct(t, '(')) d++;
        else if (isPunct(t, ')')) d--;
        else if (d === 0 && t.kind === 'word' && (t.name === 'NULL' || t.name === 'DEFAULT' || t.name === 'CHECK' || t.name === 'UNIQUE' || t.name === 'PRIMARY' || (t.name === 'CONSTRAINT' && !isWord(words(q - 1), 'REFERENCES')))) {
          if (!(t.name === 'NULL' && isWord(words(q - 1), 'SET'))) break;
        } else if (d === 0 && t.kind === 'word' && t.name === 'NOT' && isWord(words(q + 1), 'NULL')) break;
        q++;
      }
      const lo = idx[s]!;
      const hi = idx[q - 1]!;
      // Also the whitespace before the removed span.
      const before = lo > 0 && toks[lo - 1]!.kind === 'ws' ? lo - 1 : lo;
      for (let r = before; r <= hi; r++) drop.add(r);
      removed++;
      break;
    }
  }
  if (removed === 0) return { ddl, removed: 0 };
  return { ddl: toks.filter((_, i) => !drop.has(i)).map((t) => t.text).join(''), removed };
}
