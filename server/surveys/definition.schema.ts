import { z } from 'zod';

/**
 * The JSON format of a survey definition (documented in survey-definitions/README.md).
 * Definitions are data, never code: a wording change is a new `version` in a new file,
 * so a stored answer always keeps the meaning it had when it was given.
 */
const id = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _ only');

/** A text in every language the definition supports; Vietnamese is required. */
export const textSchema = z.strictObject({ vi: z.string().min(1), en: z.string().min(1).optional() });

const optionSchema = z.strictObject({
  value: id,
  label: textSchema,
  /** For priority questions: this option counts toward the expectation index. */
  positive: z.boolean().optional(),
});

const base = {
  id,
  /** The number printed on the Ministry's form (15–33 for the criteria). */
  number: z.number().int().positive().optional(),
  text: textSchema,
  hint: textSchema.optional(),
};

const likertSchema = z.strictObject({
  ...base,
  type: z.literal('likert5'),
  /** Whether "Không áp dụng" may be chosen; a skipped statement is not an answer. */
  allowNa: z.boolean().default(true),
  /** `sipas`: one of the criteria behind the index; `overall`: the overall question. */
  role: z.enum(['sipas', 'overall']).optional(),
});

const choiceFields = {
  ...base,
  /** Inline options, or the name of an entry in the definition's `optionSets`. */
  options: z.union([z.array(optionSchema).min(2), id]),
};

const singleSchema = z.strictObject({ ...choiceFields, type: z.literal('single'), role: z.enum(['priority']).optional() });
const multiSchema = z.strictObject({ ...choiceFields, type: z.literal('multi'), maxChoices: z.number().int().positive().optional() });
const textQuestionSchema = z.strictObject({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(5000) });

export const questionSchema = z.discriminatedUnion('type', [likertSchema, singleSchema, multiSchema, textQuestionSchema]);

export const sectionSchema = z.strictObject({
  id,
  /** `element`: one of the five SIPAS elements; the others only change how the page groups them. */
  kind: z.enum(['overall', 'element', 'priorities', 'comment', 'profile']),
  /** Roman numeral or other label printed before the title ("I"). */
  number: z.string().max(8).optional(),
  title: textSchema,
  intro: textSchema.optional(),
  questions: z.array(questionSchema).min(1),
});

export const definitionFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  version: z.number().int().positive(),
  title: textSchema,
  /** The legal basis of the questionnaire, shown in exports. */
  basis: textSchema.optional(),
  languages: z.array(z.enum(['vi', 'en'])).min(1),
  scale: z.strictObject({
    levels: z.tuple([textSchema, textSchema, textSchema, textSchema, textSchema]),
    na: textSchema,
  }),
  optionSets: z.record(id, z.array(optionSchema).min(2)).default({}),
  sections: z.array(sectionSchema).min(1),
});

export type Text = z.infer<typeof textSchema>;
export type Option = z.infer<typeof optionSchema>;
export type DefinitionFile = z.infer<typeof definitionFileSchema>;
export type RawQuestion = z.infer<typeof questionSchema>;
