import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDefinition, DefinitionError, loadDefinitions } from '../server/surveys/definitions';
import { ROOT } from '../server/config';

const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, 'survey-definitions', 'sipas-2023.json'), 'utf8'));
const clone = () => JSON.parse(JSON.stringify(shipped));

describe('the shipped SIPAS 2023 definition', () => {
  const def = loadDefinitions(path.join(ROOT, 'survey-definitions'), 'sipas-2023').current;

  it('has the 19 criteria 15–33 in five elements, with the official wording', () => {
    const elements = def.sections.filter((s) => s.kind === 'element');
    expect(elements.map((e) => e.questions.length)).toEqual([4, 4, 5, 3, 3]);
    const criteria = elements.flatMap((e) => e.questions);
    expect(criteria.map((q) => q.number)).toEqual(Array.from({ length: 19 }, (_, i) => 15 + i));
    expect(criteria.every((q) => q.type === 'likert5' && q.role === 'sipas')).toBe(true);
    expect(criteria[8]!.text.vi).toBe('Công chức có thái độ giao tiếp lịch sự, tôn trọng đối với người dân.');
  });

  it('asks the overall question first, without "Không áp dụng"', () => {
    const first = def.sections[0]!.questions[0]!;
    expect(first).toMatchObject({ id: 'overall', type: 'likert5', role: 'overall', allowNa: false });
    expect(first.text.vi).toBe('Nhìn chung, Ông/Bà hài lòng như thế nào với sự phục vụ của cơ quan?');
  });

  it('has six priority items with "Rất nhiều" and "Nhiều" counted positive, a comment and a profile without identity', () => {
    const priorities = [...def.questions.values()].filter((q) => 'role' in q && q.role === 'priority');
    expect(priorities).toHaveLength(6);
    const options = priorities[0]!.type === 'single' ? priorities[0]!.options : [];
    expect(options.filter((o) => o.positive).map((o) => o.label.vi)).toEqual(['Rất nhiều', 'Nhiều']);
    expect(def.questions.get('comment')).toMatchObject({ type: 'text', maxLength: 1000 });
    const ids = [...def.questions.keys()].join(' ');
    expect(ids).not.toMatch(/name|phone|email|cccd|id_number/);
  });

  it('has an English text beside every Vietnamese one', () => {
    const texts: { vi: string; en?: string }[] = [];
    JSON.stringify(shipped, (key, value) => {
      if (value && typeof value === 'object' && 'vi' in value) texts.push(value);
      return value;
    });
    expect(texts.length).toBeGreaterThan(60);
    expect(texts.filter((t) => !t.en)).toEqual([]);
  });
});

describe('a bad definition file stops the start, naming the file and the field', () => {
  const bad = (mutate: (d: any) => void) => {
    const d = clone();
    mutate(d);
    return () => buildDefinition(d, 'bad.json');
  };

  it.each([
    ['a missing Vietnamese text', (d: any) => delete d.sections[1].questions[0].text.vi, /bad\.json: sections\.1\.questions\.0\.text\.vi/],
    ['an unknown question type', (d: any) => (d.sections[1].questions[0].type = 'stars'), /bad\.json: sections\.1\.questions\.0\.type/],
    ['an unknown field', (d: any) => (d.sections[0].colour = 'red'), /bad\.json: sections\.0/],
    ['a bad question id', (d: any) => (d.sections[1].questions[0].id = 'Câu 15'), /bad\.json: sections\.1\.questions\.0\.id/],
    ['a duplicate question id', (d: any) => (d.sections[1].questions[1].id = 'c15'), /bad\.json: sections\.1\.questions\.1\.id: duplicate question id "c15"/],
    ['an unknown option set', (d: any) => (d.sections[6].questions[0].options = 'nope'), /bad\.json: sections\.6\.questions\.0\.options: unknown option set "nope"/],
    ['a scale of four levels', (d: any) => d.scale.levels.pop(), /bad\.json: scale\.levels/],
    ['a comment limit over 5,000', (d: any) => (d.sections[7].questions[0].maxLength = 99999), /bad\.json: sections\.7\.questions\.0\.maxLength/],
  ])('%s', (_name, mutate, message) => {
    expect(bad(mutate)).toThrow(DefinitionError);
    expect(bad(mutate)).toThrow(message);
  });

  const made: string[] = [];
  afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  function dirWith(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'defs-'));
    made.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }

  it('rejects a file that is not JSON', () => {
    expect(() => loadDefinitions(dirWith({ 'broken.json': '{ "id": ' }), 'sipas-2023')).toThrow(/broken\.json: \(root\): not valid JSON/);
  });

  it('rejects two files with the same id and version, and picks the highest version as current', () => {
    const v2 = { ...clone(), version: 2 };
    expect(() => loadDefinitions(dirWith({ 'a.json': JSON.stringify(shipped), 'b.json': JSON.stringify(shipped) }), 'sipas-2023')).toThrow(/sipas-2023 version 1/);
    const set = loadDefinitions(dirWith({ 'a.json': JSON.stringify(shipped), 'b.json': JSON.stringify(v2) }), 'sipas-2023');
    expect(set.current.version).toBe(2);
    expect(set.get('sipas-2023', 1)?.version).toBe(1);
  });

  it('names the missing definition id', () => {
    expect(() => loadDefinitions(dirWith({ 'a.json': JSON.stringify(shipped) }), 'sipas-2099')).toThrow(/sipas-2099.*SURVEY_DEFINITION/);
  });
});
