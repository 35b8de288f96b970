import request from 'supertest';
import { csvField, csvLine, neutraliseParts } from '../server/figures/export-cells';
import { createTestApp } from './helpers/test-app';
import { apiKeyFor, storeResponse } from './helpers/figures-fixtures';
import { buildWorld } from './helpers/world';

/**
 * Formula cells behind a ';' (issue 11, item 6): a spreadsheet in a locale that splits on ';'
 * (or on tabs) must not find a cell that starts with a formula character either.
 */
const FORMULA_START = /^[=+\-@]/;
/** Every cell a spreadsheet could make of a CSV text by splitting on one separator, quotes ignored. */
const naiveCells = (text: string, sep: string) => text.split(/\r?\n/).flatMap((line) => line.split(sep)).map((c) => c.replace(/^[\s"]+/, ''));

describe('csvField', () => {
  test('the issue\'s comments: every part that a spreadsheet may split off starts as text', () => {
    expect(csvField('x;=1+1')).toBe(`"x;'=1+1"`);
    expect(csvField('y;@SUM(1)')).toBe(`"y;'@SUM(1)"`);
    expect(csvField('z;-2+3')).toBe(`"z;'-2+3"`);
    expect(csvField('a,+1')).toBe(`"a,'+1"`);
    expect(csvField('b\t=1')).toBe(`"b\t'=1"`);
    expect(csvField('c;  =1')).toBe(`"c;'  =1"`);
    expect(csvField('hai dòng\n=1+1')).toBe(`"hai dòng\n'=1+1"`);
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvField('\t=1')).toBe(`"'\t'=1"`);
  });

  test('every text is quoted, numbers stay numbers, ordinary text is untouched', () => {
    expect(csvField('tay-vinh')).toBe('"tay-vinh"');
    expect(csvField('Xã A-B; Hài lòng, rất tốt')).toBe('"Xã A-B; Hài lòng, rất tốt"');
    expect(csvField('5')).toBe('"5"');
    expect(csvField('')).toBe('""');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a"b', 1])).toBe('"a""b",1\r\n');
    expect(neutraliseParts('Hài lòng')).toBe('Hài lòng');
  });
});

test('the raw export: split on ",", ";" or a tab, no cell starts with a formula character', async () => {
  const t = createTestApp({ seed: false });
  buildWorld(t.core);
  const comments = ['x;=1+1', 'y;@SUM(1)', 'z;-2+3', 'w\t=cmd|" /C calc"!A0', 'v, +1'];
  for (const comment of comments) storeResponse(t.db, { unit: 'xa-a1', date: '2026-02-03', answers: { overall: '4' }, texts: { comment } });
  const res = await request(t.app).get('/api/v1/exports/responses.csv?period=2026').set('Authorization', `Bearer ${apiKeyFor(t.db, 'tinh-thu')}`).expect(200);
  const text = res.text.replace(/^\uFEFF/, '');
  for (const comment of comments) expect(text).toContain(csvField(comment));
  for (const sep of [',', ';', '\t']) expect(naiveCells(text, sep).filter((c) => FORMULA_START.test(c))).toEqual([]);
});
