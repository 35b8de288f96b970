import { mergedGroups } from '../server/units/merged-groups';
import { pickByPeriod } from '../server/units/official-code';
import { freeShortCode, slugOf } from '../server/units/short-code';
import { parseLocalDay } from '../server/units/local-day';
import { takesResponses } from '../server/units/validity';

// Êm (1) → An (2) → Bình (3); Cũ (4) → Bình; Lạ (5) stands alone.
const links = [{ id: 1, successorId: 2 }, { id: 2, successorId: 3 }, { id: 3, successorId: null }, { id: 4, successorId: 3 }];

describe('the group of a merged unit (includeMerged, groupBy=unit)', () => {
  test('selecting An: Êm is grouped under An, never under Bình outside the selection', () => {
    expect(mergedGroups(links, [1, 2], [2])).toEqual(new Map([[1, 2]]));
  });
  test('selecting An and Bình: both old units end in Bình, the last successor inside', () => {
    expect(mergedGroups(links, [1, 2, 3, 4], [2, 3])).toEqual(new Map([[1, 3], [2, 3], [4, 3]]));
  });
  test('selecting Êm and Bình but not An: Êm skips An and ends in Bình', () => {
    expect(mergedGroups(links, [1, 3], [1, 3])).toEqual(new Map([[1, 3]]));
  });
  test('every unit selected (an admin, null): the end of each chain', () => {
    expect(mergedGroups(links, [1, 2, 4, 5], null)).toEqual(new Map([[1, 3], [2, 3], [4, 3]]));
  });
  test('a cycle typed by hand stops the walk', () => {
    expect(mergedGroups([{ id: 1, successorId: 2 }, { id: 2, successorId: 1 }], [1], [1, 2])).toEqual(new Map([[1, 2]]));
  });
});

describe('an official code and its dates', () => {
  const old = { id: 1, validFrom: null, validTo: '2025-06-30' }, now = { id: 2, validFrom: '2025-07-01', validTo: null };
  test('the period decides which holder it names; one spanning both names neither', () => {
    expect(pickByPeriod([old, now], '2025-01-01', '2025-03-31')).toEqual({ kind: 'one', unit: old });
    expect(pickByPeriod([old, now], '2025-07-01', '2025-09-30')).toEqual({ kind: 'one', unit: now });
    expect(pickByPeriod([old, now], '2025-01-01', '2025-12-31')).toEqual({ kind: 'many', units: [old, now] });
    expect(pickByPeriod([{ id: 3, validFrom: '2026-01-01', validTo: null }], '2025-01-01', '2025-12-31')).toEqual({ kind: 'none' });
  });
  test('a unit takes responses until its successor takes over, or until its last valid day', () => {
    const merged = { active: 1, validTo: '2025-06-30', successorId: 9, successorFrom: '2025-07-01' };
    expect(takesResponses(merged, '2025-06-30')).toBe(true);
    expect(takesResponses(merged, '2025-07-01')).toBe(false);
    expect(takesResponses({ ...merged, validTo: null }, '2025-07-01')).toBe(false);
    expect(takesResponses({ active: 1, validTo: null, successorId: 9, successorFrom: null }, '2030-01-01')).toBe(true);
    expect(takesResponses({ active: 0, validTo: null, successorId: null, successorFrom: null }, '2025-01-01')).toBe(false);
  });
  test('days as people type them', () => {
    expect(parseLocalDay('1/7/2025')).toBe('2025-07-01');
    expect(parseLocalDay(' 2025-07-01 ')).toBe('2025-07-01');
    expect(parseLocalDay('31/06/2025')).toBeNull();
    expect(parseLocalDay('2025-7-1')).toBeNull();
  });
});

describe('short codes made from names', () => {
  test('diacritics and đ go, words are joined by hyphens', () => {
    expect(slugOf('Xã Tây Sơn')).toBe('xa-tay-son');
    expect(slugOf('Phường Đống Đa')).toBe('phuong-dong-da');
    expect(slugOf('Đặc khu Côn Đảo')).toBe('dac-khu-con-dao');
  });
  test('a taken slug gets the official code', () => {
    const taken = new Set(['xa-tan-thanh']);
    expect(freeShortCode('Xã Tân Thành', '31234', (c) => taken.has(c))).toBe('xa-tan-thanh-31234');
    expect(freeShortCode('Xã Tân Hòa', '31235', (c) => taken.has(c))).toBe('xa-tan-hoa');
  });
});
