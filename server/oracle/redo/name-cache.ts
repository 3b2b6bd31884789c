/**
 * Column names repeat in every statement of a table: keep one string per name (found by a cheap hash
 * of its chars) instead of slicing a fresh copy each time — fewer allocations, faster property keys.
 *   internName('set "SALARY" = …', 5, 11) → 'SALARY', the same string object on every call
 */
const NAME_CACHE_SIZE = 4096;
const nameCache: (string | undefined)[] = new Array<string | undefined>(NAME_CACHE_SIZE);

export function internName(s: string, from: number, to: number): string {
  const len = to - from;
  if (len === 0) return '';
  // A cheap hash from the length and three chars; a collision only costs a fresh slice.
  const hash = len * 8191 + s.charCodeAt(from) * 31 + s.charCodeAt(to - 1) * 131 + s.charCodeAt(from + (len >> 1)) * 7;
  const slot = hash & (NAME_CACHE_SIZE - 1);
  const cached = nameCache[slot];
  if (cached !== undefined && cached.length === len && s.startsWith(cached, from)) return cached;
  // Used as a property key once, the name comes back internalized: flat (fast to compare above)
  // and already in V8's string table (fast to store records under).
  const name = Object.keys({ [s.slice(from, to)]: 0 })[0];
  nameCache[slot] = name;
  return name;
}

