import fs from 'node:fs';
import path from 'node:path';
import { readLocale } from '../server/i18n';

const ROOT = path.join(__dirname, '..');
function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(dir, d.name), ext) : d.name.endsWith(ext) ? [path.join(dir, d.name)] : []);
}
function keys(obj: unknown, prefix = ''): string[] {
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

test('every staff.* and errors.* key written in code or views exists in Vietnamese and English', () => {
  const sources = [...files(path.join(ROOT, 'server'), '.ts'), ...files(path.join(ROOT, 'views'), '.ejs')].map((f) => fs.readFileSync(f, 'utf8'));
  const used = new Set(sources.flatMap((s) => [...s.matchAll(/['"`]((?:staff|errors)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)['"`]/g)].map((m) => m[1]!)).filter((k) => k !== 'staff.css' && !k.endsWith('_')));
  expect(used.size).toBeGreaterThan(50);
  for (const lang of ['vi', 'en']) {
    const have = new Set(keys(readLocale(lang)));
    expect([...used].filter((k) => !have.has(k))).toEqual([]);
  }
});

test('the Vietnamese and English staff files have the same keys', () => {
  expect(keys(readLocale('en').staff).sort()).toEqual(keys(readLocale('vi').staff).sort());
});
