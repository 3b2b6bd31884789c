/** Number formats of the task dashboard (one place, so cards, charts and tables agree). */

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Bytes as B / KB / MB / GB (1024-based, the console's MB/s). */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[i]}`;
}

export const MB = 1024 * 1024;

/** A short axis or card number: 1.2k, 35k, 1.5M. */
export function formatShort(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${trim(n / 1e9)}G`;
  if (a >= 1e6) return `${trim(n / 1e6)}M`;
  if (a >= 1e3) return `${trim(n / 1e3)}k`;
  if (a >= 100 || Number.isInteger(n)) return String(Math.round(n));
  return trim(n);
}

function trim(n: number): string {
  return String(Number(n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2)));
}

/** Milliseconds as "85 ms", "2.4 s", "3 min 20 s". */
export function formatLatency(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return formatDuration(ms / 1000);
}

/** Seconds as "45 s", "3 min 20 s", "2 h 05 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(s / 3600);
  if (h < 48) return `${h} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Never rounds up to 100%: 99.97 reads 99.9%. */
export function formatPercent(p: number): string {
  if (p >= 100) return '100%';
  if (p <= 0) return '0%';
  const f = Math.floor(p * 10) / 10;
  return `${Number.isInteger(f) ? f : f.toFixed(1)}%`;
}
