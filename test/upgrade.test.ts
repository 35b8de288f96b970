import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import pino from 'pino';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config';
import { openDatabase, type Db } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { loadDefinitions } from '../server/surveys/definitions';
import { createApp } from '../server/app';
import { login } from './helpers/staff';
import { count } from './helpers/test-app';

/**
 * Upgrades keep every row: test/fixtures/release-v8.sqlite was written by release 9197a58
 * (schema 8; how: test/fixtures/make-release-v8.ts). Today's code, with every migration
 * added since, opens a copy, migrates it, and answers the same figures as that release did.
 * Compared: row counts and figures, never the schema's text, so later migrations may reshape
 * tables as long as nothing is lost.
 */
const FIXTURE = path.join(__dirname, 'fixtures', 'release-v8.sqlite');
interface Record { userVersion: number; apiKey: string; staff: { username: string; password: string }; oldPointCode: string; rows: { [table: string]: number }; acknowledged: string[]; figures: { [query: string]: Figures } }
const record = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'release-v8.json'), 'utf8')) as Record;

// Source data, not what is derived from it: rollups may be rebuilt in another layout, sessions expire.
const KEPT = ['units', 'services', 'procedures', 'unit_services', 'collection_points', 'responses', 'answers', 'text_answers', 'users', 'api_keys', 'invitations', 'kiosk_sessions', 'comment_moderation', 'audit_log'];

interface Group { unit?: { code: string | null }; service?: { code: string | null }; sipas: number | null; responses: number; overall: { rate: number | null; n: number }; elements: Item[]; criteria: Item[]; priorities: Item[] }
interface Item { id: string; index: number | null; n: number; counts?: object }
interface Figures extends Group { flaggedResponses: number; groups?: Group[] }

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e9) / 1e9);
const items = (xs: Item[]) => xs.map((x) => ({ id: x.id, index: round(x.index), n: x.n, ...(x.counts ? { counts: x.counts } : {}) }));
const group = (g: Group) => ({
  unit: g.unit?.code, service: g.service?.code, sipas: round(g.sipas), responses: g.responses, overall: { rate: round(g.overall.rate), n: g.overall.n },
  elements: items(g.elements), criteria: items(g.criteria), priorities: items(g.priorities),
});
/** What a reader of the figures relies on; labels, periods' wording and new fields may change. */
const figures = (f: Figures) => ({ ...group(f), flagged: f.flaggedResponses, groups: (f.groups ?? []).map(group) });

describe('upgrading a database made by release 9197a58 (schema 8)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-upgrade-'));
  const file = path.join(dir, 'sipas.sqlite');
  let original: Database.Database;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    // Copies only: even a read-only open of a WAL database leaves -shm and -wal files beside it.
    fs.copyFileSync(FIXTURE, path.join(dir, 'original.sqlite'));
    original = new Database(path.join(dir, 'original.sqlite'), { readonly: true, fileMustExist: true });
    fs.copyFileSync(FIXTURE, file);
    db = openDatabase(file);
  });
  afterAll(() => {
    db.close();
    original.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is what the record says: schema 8, with the rows counted when it was made', () => {
    expect(original.pragma('user_version', { simple: true })).toBe(record.userVersion);
    for (const table of KEPT) expect([table, count(original, table)]).toEqual([table, record.rows[table]]);
  });

  it('migrates to today\'s schema keeping every row, intact, and a second start applies nothing', () => {
    const applied = migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(record.userVersion + applied);
    for (const table of KEPT) expect([table, count(db, table)]).toEqual([table, record.rows[table]]);
    const sums = (d: Db | Database.Database) => d.prepare("SELECT question_id, value, sum(n) AS n FROM answer_counts GROUP BY 1, 2 ORDER BY 1, 2").all();
    expect(sums(db)).toEqual(sums(original));
    const sids = new Set(db.prepare('SELECT submission_id FROM responses').pluck().all());
    // Migration 011 gives an invitation's response a new submission id: the old one began with the instant its form was shown.
    const invited = new Set(original.prepare("SELECT submission_id FROM responses WHERE channel = 'invitation'").pluck().all());
    expect(record.acknowledged.filter((s) => !sids.has(s) && !invited.has(s))).toEqual([]);
    expect([...invited].filter((s) => sids.has(s))).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(migrate(db)).toBe(0);
  });

  it('starts on it: the invitation key leaves the database for a key file, unchanged', () => {
    const legacy = original.prepare("SELECT value FROM settings WHERE key = 'invitation_secret'").pluck().get() as string;
    expect(legacy.length).toBeGreaterThanOrEqual(32);
    const config = loadConfig({ DATABASE_PATH: file, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://sipas.example.vn' });
    const definitions = loadDefinitions(config.definitionsDir, config.surveyDefinition);
    app = createApp({ config, db, definitions, logger: pino({ level: 'silent' }) });
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'invitation_secret'").pluck().get()).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'sipas.key'), 'utf8').trim()).toBe(legacy);
    expect(fs.statSync(path.join(dir, 'sipas.key')).mode & 0o777).toBe(0o600);
  });

  it.each(Object.keys(record.figures))('answers the same figures as release 9197a58: %s', async (query) => {
    const res = await request(app).get(`/api/v1/figures?${query}`).set('Authorization', `Bearer ${record.apiKey}`).expect(200);
    expect(figures(res.body as Figures)).toEqual(figures(record.figures[query]!));
  });

  it('keeps its staff account, its old-style counter code and its API key working', async () => {
    expect((await request(app).get(`/s/${record.oldPointCode}`).expect(200)).text).toContain('Xã An Bình');
    // With an https PUBLIC_URL the cookies are Secure, which supertest's plain HTTP does not send back: log in through an http copy.
    const config = loadConfig({ DATABASE_PATH: file, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://sipas.example.vn' });
    const plain = createApp({ config, db, definitions: loadDefinitions(config.definitionsDir, config.surveyDefinition), logger: pino({ level: 'silent' }) });
    const staff = await login(plain, record.staff.username, record.staff.password);
    expect((await staff.get('/staff').expect(200)).text).toContain('Tỉnh Thử Nghiệm');
  });
});
