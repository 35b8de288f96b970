import { localized, type Definition, type Question } from '../surveys/definitions';
import { RAW_COLUMNS } from '../figures/export-raw';

type T = (key: string, params?: Record<string, string | number>) => string;
const MAX = 60;

/** The first words of a long statement, cut at a word boundary: "15. Cơ quan cung cấp thông tin về việc giải quyết…". */
export function shortText(text: string, max = MAX): string {
  const clean = text.replace(/[.?]\s*$/, '');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max).replace(/[,;:]$/, '')}…`;
}

function questionHeader(q: Question, def: Definition, lang: string, t: T): string {
  const section = def.sections.find((s) => s.id === q.sectionId);
  if (q.number !== undefined) return `${q.number}. ${shortText(localized(q.text, lang))}`;
  if (section && section.questions.length === 1) return localized(section.title, lang);
  if (q.type === 'single' && q.role === 'priority') return t('reports.raw.priority', { text: localized(q.text, lang) });
  return shortText(localized(q.text, lang));
}

/**
 * The raw export's headings in the reader's language, for people (headers=vi): the fixed
 * columns translated, each question by its short text. Codes stay the default for machines.
 */
export function rawHeaders(def: Definition, lang: string, t: T): string[] {
  return [...RAW_COLUMNS.map((c) => t(`reports.raw.${c}`)), ...[...def.questions.values()].map((q) => questionHeader(q, def, lang, t))];
}
