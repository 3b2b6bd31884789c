/**
 * The functions an ETL expression may call, each with its argument types and Oracle's meaning:
 *   UPPER(NAME) → text   SUBSTR(PHONE, -4) → text   LENGTH(NAME) → number   ROUND(SALARY / 12, 2) → number
 *   TO_CHAR(HIRED, 'YYYY-MM-DD') → text   ADD_MONTHS(HIRED, 6) → date   NVL(BONUS, 0) → number
 * NULL in gives NULL out (CONCAT and || treat NULL as '', NVL/COALESCE pick the first non-NULL).
 */
import { compileDateFormat, addMonths, formatDate, type DateFormat } from './date-functions';
import { abs, mod, roundTo, toSafeInteger } from './decimal-math';
import type { EtlExpr } from './etl-ast';
import { asDate, asNumber, asText, type EtlType, type Value } from './values';

type Arg = { type: EtlType; expr: EtlExpr };
type Impl = (args: Value[]) => Value;

export interface FunctionSpec {
  min: number;
  max: number;
  /** Example shown in messages. */
  usage: string;
  /** Argument types expected, by position (the last repeats); 'any' accepts every type but opaque. */
  args: (EtlType | 'any')[];
  /** Result type and implementation for these arguments, or an error message. */
  bind(args: Arg[]): { type: EtlType; impl: Impl } | string;
}

const text1 = (f: (s: string) => string): FunctionSpec['bind'] => () => ({ type: 'text', impl: ([a]) => mapText(asText(a), f) });

function mapText(s: string | null | undefined, f: (s: string) => string): Value {
  if (s === undefined || s === null) return s;
  const r = f(s);
  return r === '' ? null : r;
}

function undefOrNull(args: Value[]): Value | false {
  for (const a of args) if (a === undefined) return undefined;
  for (const a of args) if (a === null) return null;
  return false;
}

/** Oracle SUBSTR: 1-based, 0 counts as 1, negative counts from the end; a length below 1 gives NULL. */
function substr(s: string, start: number, length?: number): string {
  const chars = [...s];
  let from = start === 0 ? 0 : start > 0 ? start - 1 : chars.length + start;
  if (from < 0 || from >= chars.length) return '';
  if (length !== undefined && length < 1) return '';
  from = Math.max(0, from);
  return chars.slice(from, length === undefined ? undefined : from + Math.floor(length)).join('');
}

function pad(left: boolean): FunctionSpec['bind'] {
  return () => ({
    type: 'text',
    impl: (args) => {
      const u = undefOrNull(args);
      if (u !== false) return u;
      const s = [...(asText(args[0]) ?? '')];
      const n = Number(asNumber(args[1]));
      const fill = [...(args[2] === undefined ? ' ' : (asText(args[2]) ?? ' '))];
      if (!(n >= 1)) return null;
      if (s.length >= n) return s.slice(0, n).join('');
      const extra: string[] = [];
      for (let i = 0; extra.length < n - s.length; i++) extra.push(fill[i % fill.length]!);
      return left ? extra.join('') + s.join('') : s.join('') + extra.join('');
    },
  });
}

function roundLike(mode: 'round' | 'trunc'): FunctionSpec['bind'] {
  return () => ({
    type: 'number',
    impl: (args) => {
      const u = undefOrNull(args);
      if (u !== false) return u;
      const places = args[1] === undefined ? 0 : toSafeInteger(roundTo(asNumber(args[1])!, 0, 'trunc'));
      return places === null ? null : roundTo(asNumber(args[0])!, places, mode);
    },
  });
}

/** NVL / COALESCE: all arguments of one type (NULL fits any). */
function firstNonNull(args: Arg[]): { type: EtlType; impl: Impl } | string {
  const types = new Set(args.map((a) => a.type).filter((t) => t !== 'null'));
  if (types.size > 1) return `its arguments must have one type, but they are ${[...types].join(' and ')}`;
  return {
    type: [...types][0] ?? 'null',
    impl: (vals) => {
      for (const v of vals) {
        if (v === undefined) return undefined;
        if (v !== null && v !== '') return v;
      }
      return null;
    },
  };
}

export const FUNCTIONS: Record<string, FunctionSpec> = {
  UPPER: { min: 1, max: 1, usage: 'UPPER(text)', args: ['text'], bind: text1((s) => s.toUpperCase()) },
  LOWER: { min: 1, max: 1, usage: 'LOWER(text)', args: ['text'], bind: text1((s) => s.toLowerCase()) },
  INITCAP: { min: 1, max: 1, usage: 'INITCAP(text)', args: ['text'], bind: text1((s) => s.toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())) },
  TRIM: { min: 1, max: 1, usage: 'TRIM(text)', args: ['text'], bind: text1((s) => s.replace(/^ +| +$/g, '')) },
  LTRIM: { min: 1, max: 1, usage: 'LTRIM(text)', args: ['text'], bind: text1((s) => s.replace(/^ +/, '')) },
  RTRIM: { min: 1, max: 1, usage: 'RTRIM(text)', args: ['text'], bind: text1((s) => s.replace(/ +$/, '')) },
  LENGTH: {
    min: 1,
    max: 1,
    usage: 'LENGTH(text)',
    args: ['text'],
    bind: () => ({ type: 'number', impl: ([a]) => { const s = asText(a); return s === undefined || s === null ? s : String([...s].length); } }),
  },
  SUBSTR: {
    min: 2,
    max: 3,
    usage: 'SUBSTR(text, start [, length])',
    args: ['text', 'number', 'number'],
    bind: () => ({
      type: 'text',
      impl: (args) => {
        const u = undefOrNull(args);
        if (u !== false) return u;
        const start = Math.trunc(Number(asNumber(args[1])));
        const len = args.length > 2 ? Number(asNumber(args[2])) : undefined;
        return substr(asText(args[0]) ?? '', start, len) || null;
      },
    }),
  },
  CONCAT: {
    min: 2,
    max: 2,
    usage: 'CONCAT(a, b)',
    args: ['any', 'any'],
    bind: () => ({ type: 'text', impl: (args) => (args.some((a) => a === undefined) ? undefined : args.map((a) => asText(a) ?? '').join('') || null) }),
  },
  REPLACE: {
    min: 2,
    max: 3,
    usage: 'REPLACE(text, search [, replacement])',
    args: ['text', 'text', 'text'],
    bind: () => ({
      type: 'text',
      impl: (args) => {
        if (args.some((a) => a === undefined)) return undefined;
        const s = asText(args[0]);
        if (s === null || s === undefined) return null;
        const search = asText(args[1]);
        if (!search) return s;
        return s.split(search).join(asText(args[2]) ?? '') || null;
      },
    }),
  },
  LPAD: { min: 2, max: 3, usage: 'LPAD(text, length [, fill])', args: ['text', 'number', 'text'], bind: pad(true) },
  RPAD: { min: 2, max: 3, usage: 'RPAD(text, length [, fill])', args: ['text', 'number', 'text'], bind: pad(false) },
  ABS: { min: 1, max: 1, usage: 'ABS(number)', args: ['number'], bind: () => ({ type: 'number', impl: ([a]) => { const n = asNumber(a); return n === undefined || n === null ? n : abs(n); } }) },
  ROUND: { min: 1, max: 2, usage: 'ROUND(number [, places])', args: ['number', 'number'], bind: roundLike('round') },
  TRUNC: { min: 1, max: 2, usage: 'TRUNC(number [, places])', args: ['number', 'number'], bind: roundLike('trunc') },
  MOD: {
    min: 2,
    max: 2,
    usage: 'MOD(number, divisor)',
    args: ['number', 'number'],
    bind: () => ({ type: 'number', impl: (args) => { const u = undefOrNull(args); return u !== false ? u : mod(asNumber(args[0])!, asNumber(args[1])!); } }),
  },
  NVL: { min: 2, max: 2, usage: 'NVL(value, fallback)', args: ['any', 'any'], bind: firstNonNull },
  COALESCE: { min: 2, max: 16, usage: 'COALESCE(value, fallback, …)', args: ['any'], bind: firstNonNull },
  TO_NUMBER: {
    min: 1,
    max: 1,
    usage: 'TO_NUMBER(text)',
    args: ['text'],
    // Text that is not a number gives NULL (a migration does not stop for one bad value).
    bind: () => ({ type: 'number', impl: ([a]) => asNumber(a) }),
  },
  TO_CHAR: {
    min: 1,
    max: 2,
    usage: "TO_CHAR(date, 'YYYY-MM-DD') or TO_CHAR(number)",
    args: ['any', 'text'],
    bind(args) {
      const [value, fmt] = args;
      if (!fmt) return { type: 'text', impl: ([a]) => asText(a) };
      if (value!.type !== 'date') return 'a format is supported for dates only; write TO_CHAR(number) without one';
      if (fmt.expr.kind !== 'literal' || fmt.expr.value.kind !== 'string') return "the format must be written as text, e.g. TO_CHAR(HIRED, 'YYYY-MM-DD')";
      const compiled = compileDateFormat(fmt.expr.value.value);
      if ('error' in compiled) return compiled.error;
      const format: DateFormat = compiled;
      return { type: 'text', impl: ([a]) => { const d = asDate(a); return d === undefined || d === null ? d : formatDate(d, format); } };
    },
  },
  ADD_MONTHS: {
    min: 2,
    max: 2,
    usage: 'ADD_MONTHS(date, months)',
    args: ['date', 'number'],
    bind: () => ({
      type: 'date',
      impl: (args) => {
        const u = undefOrNull(args);
        if (u !== false) return u;
        const n = toSafeInteger(roundTo(asNumber(args[1])!, 0, 'trunc'));
        const d = asDate(args[0]);
        return n === null || !d ? null : addMonths(d, n);
      },
    }),
  },
};
