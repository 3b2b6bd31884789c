import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../model/change-event';
import { column, employeeDdl, employeeDelete, employeeInsert } from './fixtures/events';
import { identityKeyText, keyText, messageKey } from './message-key';

const twoKey: ChangeEvent = {
  ...employeeInsert,
  columns: [column('ORD_ID', 'NUMBER', 10, 0), column('CODE', 'VARCHAR2'), column('RAWK', 'RAW')],
  primaryKey: ['ORD_ID', 'CODE'],
  uniqueKeys: [['RAWK']],
  after: ['7', 'a,b\\c', new Uint8Array([0xab])],
};

describe('message key', () => {
  it('is the primary-key value text for a single-column key', () => {
    expect(messageKey(employeeInsert)?.toString('utf8')).toBe('7');
    expect(messageKey(employeeDelete)?.toString('utf8')).toBe('7');
  });

  it('joins composite keys with commas, escaping commas and backslashes inside values', () => {
    expect(identityKeyText(twoKey)).toBe('7,a\\,b\\\\c');
    const other: ChangeEvent = { ...twoKey, after: ['7,a', 'b\\c', new Uint8Array([0xab])] };
    expect(identityKeyText(other)).not.toBe(identityKeyText(twoKey));
  });

  it('falls back to the first unique key, then to no key', () => {
    expect(identityKeyText({ ...twoKey, primaryKey: null })).toBe('AB');
    expect(messageKey({ ...twoKey, primaryKey: null, uniqueKeys: [] })).toBeNull();
    expect(messageKey(employeeDdl)).toBeNull();
  });

  it('writes NULL in a unique key as an empty part', () => {
    expect(keyText({ ...twoKey, after: [null, 'x', null] }, ['ORD_ID', 'CODE'])).toBe(',x');
  });

  it('uses the before image when there is no after image, and no key when a column is unknown', () => {
    const del: ChangeEvent = { ...twoKey, op: 'DELETE', before: twoKey.after, after: null };
    expect(identityKeyText(del)).toBe('7,a\\,b\\\\c');
    expect(keyText(twoKey, ['NOPE'])).toBeNull();
  });

  it('encodes the key as UTF-8', () => {
    const e: ChangeEvent = { ...twoKey, after: ['1', 'Zoë', new Uint8Array()] };
    expect([...messageKey(e)!]).toEqual([...Buffer.from('1,Zoë', 'utf8')]);
  });
});
