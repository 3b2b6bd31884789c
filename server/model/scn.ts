/**
 * System Change Numbers are Oracle's logical clock. They exceed 2^53 on busy databases, so they are
 * `bigint` everywhere; these helpers convert at the edges (JSON, SQL binds, Kafka headers).
 */
export type Scn = bigint;

export function parseScn(text: string | number | bigint): Scn {
  if (typeof text === 'bigint') return text;
  if (typeof text === 'number') {
    if (!Number.isSafeInteger(text) || text < 0) throw new RangeError(`SCN ${text} is not a non-negative safe integer`);
    return BigInt(text);
  }
  if (!/^\d+$/.test(text)) throw new RangeError(`"${text}" is not a valid SCN (digits only)`);
  return BigInt(text);
}

export function scnToString(scn: Scn): string {
  return scn.toString();
}

export function minScn(a: Scn, b: Scn): Scn {
  return a < b ? a : b;
}

export function maxScn(a: Scn, b: Scn): Scn {
  return a > b ? a : b;
}
