import fs from 'node:fs';
import path from 'node:path';
import { definitionFileSchema, type DefinitionFile, type Option, type RawQuestion, type Text } from './definition.schema';

/** A question with its option set resolved, ready to render and to validate answers. */
type Resolved<Q> = Q extends { options: unknown } ? Omit<Q, 'options'> & { options: Option[] } : Q;
export type Question = Resolved<RawQuestion> & { sectionId: string };
export interface Section { id: string; kind: DefinitionFile['sections'][number]['kind']; number?: string; title: Text; intro?: Text; questions: Question[] }
export interface Definition {
  id: string;
  version: number;
  title: Text;
  basis?: Text;
  languages: string[];
  scale: DefinitionFile['scale'];
  sections: Section[];
  questions: Map<string, Question>;
}
export interface DefinitionSet {
  all: Definition[];
  /** The definition new responses use: the highest version of the configured id. */
  current: Definition;
  get(id: string, version: number): Definition | undefined;
}

export class DefinitionError extends Error {}

function fail(file: string, where: string, message: string): never {
  throw new DefinitionError(`${file}: ${where || '(root)'}: ${message}`);
}

function resolveQuestion(q: RawQuestion, def: DefinitionFile, sectionId: string, file: string, where: string): Question {
  if (q.type !== 'single' && q.type !== 'multi') return { ...q, sectionId };
  const options = typeof q.options === 'string' ? def.optionSets[q.options] : q.options;
  if (!options) fail(file, `${where}.options`, `unknown option set "${String(q.options)}"`);
  return { ...q, options, sectionId };
}

/** Validates one parsed file and resolves it; `file` only names it in error messages. */
export function buildDefinition(raw: unknown, file: string): Definition {
  const parsed = definitionFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(file, issue.path.join('.'), issue.message);
  }
  const def = parsed.data;
  const questions = new Map<string, Question>();
  const sections = def.sections.map((section, s) => ({
    ...section,
    questions: section.questions.map((q, i) => {
      const where = `sections.${s}.questions.${i}`;
      if (questions.has(q.id)) fail(file, `${where}.id`, `duplicate question id "${q.id}"`);
      const resolved = resolveQuestion(q, def, section.id, file, where);
      questions.set(q.id, resolved);
      return resolved;
    }),
  }));
  if (![...questions.values()].some((q) => q.type === 'likert5')) fail(file, 'sections', 'at least one likert5 question is required');
  return { id: def.id, version: def.version, title: def.title, basis: def.basis, languages: def.languages, scale: def.scale, sections, questions };
}

/** Reads and validates every *.json file in `dir`; any bad file stops the start. */
export function loadDefinitions(dir: string, currentId: string): DefinitionSet {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const all = files.map((f) => {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    } catch (err) {
      fail(f, '', `not valid JSON (${(err as Error).message})`);
    }
    return buildDefinition(raw, f);
  });
  return definitionSet(all, currentId);
}

export function definitionSet(all: Definition[], currentId: string): DefinitionSet {
  const byKey = new Map<string, Definition>();
  for (const d of all) {
    const key = `${d.id}@${d.version}`;
    if (byKey.has(key)) throw new DefinitionError(`two files define ${d.id} version ${d.version}`);
    byKey.set(key, d);
  }
  const candidates = all.filter((d) => d.id === currentId).sort((a, b) => b.version - a.version);
  if (!candidates[0]) throw new DefinitionError(`no survey definition with id "${currentId}" (SURVEY_DEFINITION)`);
  return { all, current: candidates[0], get: (id, version) => byKey.get(`${id}@${version}`) };
}

/** Picks the text in `lang`, falling back to Vietnamese, the source language. */
export function localized(text: Text | undefined, lang: string): string {
  if (!text) return '';
  return (lang === 'en' && text.en) || text.vi;
}
