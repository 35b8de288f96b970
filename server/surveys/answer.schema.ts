import { z } from 'zod';
import { stripBidi } from '../http/bidi';
import type { FieldError } from '../http/form-errors';
import type { Definition, Question } from './definitions';

/** What a citizen's form holds after validation. */
export interface ParsedAnswers {
  submissionId: string;
  serviceCode?: string;
  choices: { questionId: string; value: string }[];
  texts: { questionId: string; text: string }[];
}
export type FormValues = Record<string, string | string[]>;
export type ParseResult = { ok: true; value: ParsedAnswers } | { ok: false; errors: FieldError[]; values: FormValues };

/** The form's error when the database could not store it: nothing was sent, every answer is kept. */
export const NOT_SAVED: FieldError = { field: 'form', key: 'survey.errors.not_saved' };

export const LIKERT_LEVELS = ['1', '2', '3', '4', '5'] as const;
export const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,64}$/;
// Control characters other than tab and line breaks have no place in a comment.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function questionSchema(q: Question): z.ZodType {
  const values = 'options' in q ? q.options.map((o) => o.value) : [];
  switch (q.type) {
    case 'likert5':
      return z.enum(q.allowNa ? [...LIKERT_LEVELS, 'na'] : [...LIKERT_LEVELS]);
    case 'single':
      return z.enum(values as [string, ...string[]]);
    case 'multi': {
      const one = z.enum(values as [string, ...string[]]);
      const many = z.array(one).max(q.maxChoices ?? values.length);
      return z.union([one.transform((v) => [v]), many]).pipe(z.array(z.string()).refine((a) => new Set(a).size === a.length));
    }
    case 'text':
      return z
        .string()
        .transform((s) => stripBidi(s.normalize('NFC')).trim())
        .refine((s) => !CONTROL.test(s), { params: { key: 'survey.errors.invalid_text' } })
        .refine((s) => [...s].length <= q.maxLength, { params: { key: 'survey.errors.too_long', max: q.maxLength } });
  }
}

/** The strict answer schema of one definition; `serviceCodes` is null when the point fixes the service. */
export function buildAnswerSchema(def: Definition, serviceCodes: string[] | null) {
  const shape: Record<string, z.ZodType> = { sid: z.string().regex(SUBMISSION_ID) };
  for (const q of def.questions.values()) shape[q.id] = questionSchema(q).optional();
  if (serviceCodes && serviceCodes.length > 0) shape.service = z.enum(serviceCodes as [string, ...string[]]).optional();
  return z.strictObject(shape);
}

/** The strict schema of one detail step: only its questions, each optional (a step may be skipped). */
export function buildStepSchema(questions: Question[]) {
  return z.strictObject(Object.fromEntries(questions.map((q) => [q.id, questionSchema(q).optional()])));
}

/** Drops empty values: an untouched text box or a cleared choice is no answer. */
export function cleanBody(body: unknown): FormValues {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const out: FormValues = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string' && value !== '') out[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      const kept = value.filter((v) => v !== '');
      if (kept.length) out[key] = kept;
    } else if (value !== '') out[key] = String(value);
  }
  return out;
}

function errorFor(field: string, def: Definition, issue: z.core.$ZodIssue): FieldError {
  if (issue.code === 'custom' && issue.params?.key) {
    const { key, ...params } = issue.params as { key: string } & Record<string, number>;
    return { field, key, params };
  }
  if (field === 'sid') return { field: 'form', key: 'survey.errors.expired_form' };
  if (field === 'service') return { field, key: 'survey.errors.invalid_service' };
  const q = def.questions.get(field);
  if (q?.type === 'text') return { field, key: 'survey.errors.invalid_text' };
  return { field, key: 'survey.errors.invalid_option' };
}

function hasRating(def: Definition, values: FormValues): boolean {
  return [...def.questions.values()].some((q) => q.type === 'likert5' && (LIKERT_LEVELS as readonly string[]).includes(String(values[q.id])));
}

function issuesOf(def: Definition, result: z.ZodSafeParseResult<unknown>): FieldError[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => issue.code === 'unrecognized_keys'
    ? { field: 'form', key: 'survey.errors.unknown_field' }
    : errorFor(String(issue.path[0] ?? 'form'), def, issue));
}

/** Validates a posted first page (at least one rating); on failure returns every error and the values to show again. */
export function parseAnswers(def: Definition, schema: z.ZodType, body: unknown): ParseResult {
  const values = cleanBody(body);
  const result = schema.safeParse(values);
  const errors = issuesOf(def, result);
  if (!hasRating(def, values)) errors.push({ field: 'overall', key: 'survey.errors.no_rating' });
  if (errors.length || !result.success) return { ok: false, errors: dedupe(errors), values };
  return { ok: true, value: toParsed(def, result.data as Record<string, string | string[]>) };
}

export type StepAnswers = Pick<ParsedAnswers, 'choices' | 'texts'>;
export type StepResult = { ok: true; value: StepAnswers } | { ok: false; errors: FieldError[]; values: FormValues };

/** Validates a posted detail step (buildStepSchema); nothing chosen is a valid, empty step. */
export function parseStep(def: Definition, schema: z.ZodType, body: unknown): StepResult {
  const values = cleanBody(body);
  const result = schema.safeParse(values);
  const errors = issuesOf(def, result);
  if (errors.length || !result.success) return { ok: false, errors: dedupe(errors), values };
  const { choices, texts } = toParsed(def, result.data as Record<string, string | string[]>);
  return { ok: true, value: { choices, texts } };
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}

function toParsed(def: Definition, data: Record<string, string | string[]>): ParsedAnswers {
  const parsed: ParsedAnswers = { submissionId: String(data.sid), choices: [], texts: [] };
  if (typeof data.service === 'string') parsed.serviceCode = data.service;
  for (const q of def.questions.values()) {
    const v = data[q.id];
    if (v === undefined || v === '') continue;
    if (q.type === 'text') parsed.texts.push({ questionId: q.id, text: String(v) });
    else for (const value of Array.isArray(v) ? v : [v]) parsed.choices.push({ questionId: q.id, value });
  }
  return parsed;
}
