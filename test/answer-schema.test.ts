import path from 'node:path';
import { ROOT } from '../server/config';
import { loadDefinitions, buildDefinition } from '../server/surveys/definitions';
import { buildAnswerSchema, parseAnswers } from '../server/surveys/answer.schema';

const def = loadDefinitions(path.join(ROOT, 'survey-definitions'), 'sipas-2023').current;
const schema = buildAnswerSchema(def, ['ho-tich', 'dat-dai']);
const sid = 'abcdefghijklmnopqrstuv';
const parse = (body: Record<string, unknown>) => parseAnswers(def, schema, { sid, ...body });
const errorsOf = (body: Record<string, unknown>) => {
  const r = parse(body);
  return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.key}`);
};

describe('the answer schema built from the definition', () => {
  it('accepts the overall rating alone', () => {
    const r = parse({ overall: '5' });
    expect(r).toEqual({ ok: true, value: { submissionId: sid, choices: [{ questionId: 'overall', value: '5' }], texts: [] } });
  });

  it('likert5: levels 1–5 and "na" where allowed, nothing else', () => {
    expect(parse({ overall: '4', c15: 'na', c16: '1' }).ok).toBe(true);
    expect(errorsOf({ overall: 'na' })).toContain('overall:survey.errors.invalid_option');
    expect(errorsOf({ overall: '6' })).toContain('overall:survey.errors.invalid_option');
    expect(errorsOf({ overall: '4', c15: '0' })).toEqual(['c15:survey.errors.invalid_option']);
    expect(errorsOf({ overall: ['4', '5'] })).toContain('overall:survey.errors.invalid_option');
  });

  it('requires at least one rating from 1 to 5: "Không áp dụng" everywhere is no rating', () => {
    expect(errorsOf({})).toEqual(['overall:survey.errors.no_rating']);
    expect(errorsOf({ c15: 'na', c16: 'na' })).toEqual(['overall:survey.errors.no_rating']);
    expect(parse({ c20: '3' }).ok).toBe(true);
  });

  it('single: only the options of its set', () => {
    const r = parse({ overall: '4', p_info: 'rat_nhieu', gender: 'nu' });
    expect(r.ok && r.value.choices).toEqual([
      { questionId: 'overall', value: '4' },
      { questionId: 'p_info', value: 'rat_nhieu' },
      { questionId: 'gender', value: 'nu' },
    ]);
    expect(errorsOf({ overall: '4', p_info: 'nu' })).toEqual(['p_info:survey.errors.invalid_option']);
  });

  it('multi: one or several known options, no repeats, at most maxChoices', () => {
    const withMulti = buildDefinition(
      {
        id: 'multi-test', version: 1, languages: ['vi'],
        title: { vi: 'T' }, scale: { levels: [{ vi: '1' }, { vi: '2' }, { vi: '3' }, { vi: '4' }, { vi: '5' }], na: { vi: 'KAD' } },
        sections: [{ id: 's', kind: 'overall', title: { vi: 'S' }, questions: [
          { id: 'overall', type: 'likert5', text: { vi: 'Q' } },
          { id: 'channels', type: 'multi', maxChoices: 2, text: { vi: 'M' }, options: [
            { value: 'a', label: { vi: 'A' } }, { value: 'b', label: { vi: 'B' } }, { value: 'c', label: { vi: 'C' } }] },
        ] }],
      },
      'multi.json',
    );
    const s = buildAnswerSchema(withMulti, null);
    const run = (channels: unknown) => parseAnswers(withMulti, s, { sid, overall: '3', channels });
    const ok = run(['a', 'c']);
    expect(ok.ok && ok.value.choices.filter((c) => c.questionId === 'channels').map((c) => c.value)).toEqual(['a', 'c']);
    expect(run('b').ok).toBe(true);
    expect(run(['a', 'b', 'c']).ok).toBe(false);
    expect(run(['a', 'a']).ok).toBe(false);
    expect(run(['a', 'z']).ok).toBe(false);
  });

  it('text: trimmed, NFC, at most 1,000 characters counted as a person counts them, no control characters', () => {
    const decomposed = 'Tốt'.normalize('NFD');
    const r = parse({ overall: '4', comment: `  ${decomposed}  ` });
    expect(r.ok && r.value.texts).toEqual([{ questionId: 'comment', text: 'Tốt' }]);
    expect(parse({ overall: '4', comment: 'ệ'.repeat(1000) }).ok).toBe(true);
    expect(parse({ overall: '4', comment: '😀'.repeat(1000) }).ok).toBe(true);
    expect(errorsOf({ overall: '4', comment: 'a'.repeat(1001) })).toEqual(['comment:survey.errors.too_long']);
    expect(errorsOf({ overall: '4', comment: 'a\u0000b' })).toEqual(['comment:survey.errors.invalid_text']);
    expect(parse({ overall: '4', comment: 'dòng 1\r\ndòng 2\tok' }).ok).toBe(true);
  });

  it('an empty text box or an empty choice is no answer', () => {
    const r = parse({ overall: '4', comment: '', c15: '' });
    expect(r.ok && r.value).toEqual({ submissionId: sid, choices: [{ questionId: 'overall', value: '4' }], texts: [] });
  });

  it('service: only a field the unit offers; none at all when the point fixes it', () => {
    expect(parse({ overall: '4', service: 'dat-dai' })).toMatchObject({ ok: true, value: { serviceCode: 'dat-dai' } });
    expect(errorsOf({ overall: '4', service: 'y-te' })).toEqual(['service:survey.errors.invalid_service']);
    const fixed = buildAnswerSchema(def, null);
    const r = parseAnswers(def, fixed, { sid, overall: '4', service: 'dat-dai' });
    expect(r.ok ? [] : r.errors.map((e) => e.key)).toEqual(['survey.errors.unknown_field']);
  });

  it('rejects any field the form did not ask for, and a missing or malformed submission id', () => {
    expect(errorsOf({ overall: '4', name: 'Nguyễn Văn A' })).toEqual(['form:survey.errors.unknown_field']);
    expect(errorsOf({ overall: '4', __proto__x: '1' })).toEqual(['form:survey.errors.unknown_field']);
    const noSid = parseAnswers(def, schema, { overall: '4' });
    expect(noSid.ok ? [] : noSid.errors.map((e) => e.key)).toEqual(['survey.errors.expired_form']);
    const badSid = parseAnswers(def, schema, { sid: '<script>', overall: '4' });
    expect(badSid.ok).toBe(false);
  });

  it('keeps every value given, valid or not, to show the form again', () => {
    const r = parse({ overall: '4', c15: '9', comment: 'Ý kiến' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.values).toMatchObject({ overall: '4', c15: '9', comment: 'Ý kiến' });
  });
});
