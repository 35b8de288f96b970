import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';

/**
 * docs/privacy.md names every table of the schema and every cookie the server sets, each as
 * a row of its tables ("| `name` |"). A migration that adds a table, or code that sets a new
 * cookie, fails here until the page says what it holds and why.
 */
const ROOT = path.join(__dirname, '..');
const doc = fs.readFileSync(path.join(ROOT, 'docs', 'privacy.md'), 'utf8');
const section = (title: string) => {
  const start = doc.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/privacy.md has no "## ${title}" section`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
};
/** The names in the first column of the Markdown tables of a section. */
const rowNames = (text: string) => new Set([...text.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]!));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every cookie name given to `.cookie(` in server/: a string, or a constant defined in server/ as one. */
function cookieNames(): string[] {
  const files = sources(path.join(ROOT, 'server')).map((f) => fs.readFileSync(f, 'utf8'));
  const all = files.join('\n');
  const definedIn = (text: string, name: string) =>
    new RegExp(`\\b(?:const|let)\\s+${name}\\s*(?::\\s*string\\s*)?=\\s*['"]([^'"]+)['"]`).exec(text)?.[1];
  const names = new Set<string>();
  for (const file of files) {
    for (const m of file.matchAll(/\.cookie\(\s*([A-Za-z_$][\w$]*|'[^']*'|"[^"]*"|`[^`]*`)/g)) {
      const arg = m[1]!;
      // A constant of the same file first, else an imported one.
      const name = /^['"`]/.test(arg) ? arg.slice(1, -1) : definedIn(file, arg) ?? definedIn(all, arg);
      if (!name) throw new Error(`the cookie name ${arg} given to .cookie( is not a string constant in server/: name it with one`);
      names.add(name);
    }
  }
  return [...names].sort();
}

test('every table and view of a migrated database is a row of docs/privacy.md, and every row is a table', () => {
  const db = openDatabase(':memory:');
  migrate(db);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  db.close();
  const documented = rowNames(section('Tables'));
  expect(tables.length).toBeGreaterThan(15);
  expect(tables.filter((name) => !documented.has(name))).toEqual([]);
  expect([...documented].filter((name) => !tables.includes(name))).toEqual([]);
});

test('every cookie set in server/ is a row of docs/privacy.md, and every row is a cookie', () => {
  const cookies = cookieNames();
  expect(cookies).toEqual(expect.arrayContaining(['lang', 'sipas_csrf', 'sipas_dev', 'sipas_kiosk', 'sipas_known', 'sipas_slip', 'sipas_staff']));
  const documented = rowNames(section('Cookies'));
  expect(cookies.filter((name) => !documented.has(name))).toEqual([]);
  expect([...documented].filter((name) => !cookies.includes(name))).toEqual([]);
});
