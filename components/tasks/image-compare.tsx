'use client';

/**
 * Two row images side by side, one line per column, the columns whose values differ highlighted:
 * before/after of a record in the topic browser, source/Kafka of a verification difference.
 * A column one image does not carry shows "—" (absent), SQL NULL shows "NULL".
 */
export type ImageValues = Record<string, string | null>;

export function changedColumns(left: ImageValues | null, right: ImageValues | null): Set<string> {
  const out = new Set<string>();
  if (!left || !right) return out;
  for (const name of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (name in left && name in right && left[name] !== right[name]) out.add(name);
  }
  return out;
}

export function ImageCompare({ left, right, leftLabel, rightLabel, highlight }: { left: ImageValues | null; right: ImageValues | null; leftLabel: string; rightLabel: string; highlight?: ReadonlySet<string> }) {
  const names = [...new Set([...Object.keys(left ?? {}), ...Object.keys(right ?? {})])];
  const changed = highlight ?? changedColumns(left, right);
  const cell = (img: ImageValues | null, name: string) => (img === null ? '' : !(name in img) ? '—' : img[name] === null ? 'NULL' : img[name]);
  return (
    <table className="data image-compare" data-testid="image-compare">
      <thead>
        <tr>
          <th style={{ width: 200 }}>Column</th>
          <th>{leftLabel}</th>
          <th>{rightLabel}</th>
        </tr>
      </thead>
      <tbody>
        {names.map((n) => (
          <tr key={n} className={changed.has(n) ? 'changed' : undefined} data-changed={changed.has(n) ? 'true' : undefined}>
            <td className="mono">{n}</td>
            <td className="mono">{left === null ? <span className="muted">(none)</span> : cell(left, n)}</td>
            <td className="mono">{right === null ? <span className="muted">(none)</span> : cell(right, n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
