import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../server/config';
import { readLocale, LANGUAGES } from '../server/i18n';

function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

function flatten(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

/** Keys in t('…'), AppError(…, '…'), notFound('…') and { key: '…' } literals that look like i18n keys. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  const patterns = [/\bt\(\s*'([a-z_]+\.[a-z0-9_.]+)'/g, /\bkey:\s*'([a-z_]+\.[a-z0-9_.]+)'/g, /(?:AppError\(\s*\d+,\s*|notFound\(|badRequest\(|forbidden\()'([a-z_]+\.[a-z0-9_.]+)'/g, /'((?:errors|survey|common|staff|figures|audit)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)'/g];
  const sources = [...files(path.join(ROOT, 'server'), '.ts'), ...files(path.join(ROOT, 'views'), '.ejs')];
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) if (!/\.(css|js|png|svg|json)$/.test(m[1]!)) used.set(m[1]!, path.relative(ROOT, file));
  }
  return used;
}

describe('translations', () => {
  const locales = Object.fromEntries(LANGUAGES.map((l) => [l, new Set(flatten(readLocale(l)))]));

  it('finds the keys used in code and views', () => {
    expect(usedKeys().size).toBeGreaterThan(20);
  });

  it.each(LANGUAGES)('every key used in code and views exists in %s', (lang) => {
    const keys = locales[lang]!;
    // A key built at run time ('staff.roles.' + role) must at least have entries under its prefix.
    const exists = (key: string) => (/[._]$/.test(key) ? [...keys].some((k) => k.startsWith(key)) : keys.has(key));
    const missing = [...usedKeys()].filter(([key]) => !exists(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('Vietnamese and English have exactly the same keys', () => {
    const vi = [...locales.vi!].sort();
    const en = [...locales.en!].sort();
    expect(en.filter((k) => !locales.vi!.has(k))).toEqual([]);
    expect(vi.filter((k) => !locales.en!.has(k))).toEqual([]);
  });

  it('every error status the handler can title has a title in both languages', () => {
    for (const status of [400, 403, 404, 413, 415, 500]) for (const lang of LANGUAGES) expect(locales[lang]!.has(`errors.title_${status}`)).toBe(true);
  });
});
