import pino from 'pino';
import { loadConfig } from '../../server/config';
import { openDatabase, type Db } from '../../server/db/open-database';
import { migrate } from '../../server/db/migrate';
import { loadDefinitions } from '../../server/surveys/definitions';
import { seedDemo } from '../../server/seed/seed-demo';
import { createApp } from '../../server/app';
import { wire, wireCore, type Core, type Wired } from '../../server/wiring';
import { seedDemoResponses } from '../../server/seed/seed-responses';

export interface TestApp { app: ReturnType<typeof createApp>; db: Db; config: ReturnType<typeof loadConfig>; core: Core; wired: Wired }

/**
 * The real app on a fresh in-memory database, migrated and seeded with the demo units;
 * the year of synthetic responses only with `demoResponses: true`, to keep tests fast.
 */
export function createTestApp(opts: { env?: NodeJS.ProcessEnv; now?: () => Date; seed?: boolean; demoResponses?: boolean } = {}): TestApp {
  // supertest sends a form the instant it is shown, which no person does: tests of that rule
  // (poster-abuse*.test.ts) set POSTER_SID_MIN_SECONDS themselves; the others need no wait.
  const config = loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', POSTER_SID_MIN_SECONDS: '0', ...opts.env });
  const db = openDatabase(':memory:');
  migrate(db);
  const core = wireCore(db, opts.now);
  if (opts.seed !== false) seedDemo(core);
  const definitions = loadDefinitions(config.definitionsDir, config.surveyDefinition);
  if (opts.seed !== false && opts.demoResponses) seedDemoResponses(core, definitions.current, opts.now?.() ?? new Date());
  const deps = { config, db, definitions, logger: pino({ level: 'silent' }), now: opts.now };
  const wired = wire(deps, core);
  const app = createApp(deps, wired);
  return { app, db, config, core, wired };
}

/** The code of a seeded point: with a fixed service or without. */
export function pointCode(db: Db, fixedService: boolean): string {
  const row = db
    .prepare(`SELECT code FROM collection_points WHERE service_id IS ${fixedService ? 'NOT NULL' : 'NULL'} ORDER BY id LIMIT 1`)
    .get() as { code: string };
  return row.code;
}

export function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The hidden submission id of a rendered form. */
export function sidOf(html: string): string {
  const m = /name="sid" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no sid in page');
  return m[1]!;
}
