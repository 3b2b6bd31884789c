/** "Did you mean …" for unknown column names: the closest names by edit distance (case-insensitive). */

export function suggestNames(wanted: string, names: readonly string[], max = 3): string[] {
  const w = wanted.toUpperCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  return names
    .map((name) => ({ name, d: editDistance(w, name.toUpperCase()) }))
    .filter((x) => x.d <= limit || x.name.toUpperCase().includes(w) || (w.length >= 3 && w.includes(x.name.toUpperCase())))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((x) => x.name);
}

/** Levenshtein distance, two rows of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** How a column name is written in a filter: bare when it is a plain upper-case identifier, else "quoted". */
export function displayName(name: string): string {
  return /^[A-Z][A-Z0-9_$#]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
