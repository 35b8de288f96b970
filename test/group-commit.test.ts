import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createGroupCommit } from '../server/db/group-commit';
import { openDatabase, type Db } from '../server/db/open-database';

/** Issue 14 §2: the first pages sent at one moment share one commit; each still stands or falls alone, and only once committed. */
let dir: string;
let db: Db;
let other: Database.Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-group-'));
  db = openDatabase(path.join(dir, 'g.sqlite'));
  db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id), v TEXT UNIQUE); INSERT INTO parent VALUES (1)');
  // Another connection sees a commit as one change of data_version.
  other = new Database(path.join(dir, 'g.sqlite'));
});
afterEach(() => {
  other.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const version = () => other.pragma('data_version', { simple: true }) as number;
const rows = () => other.prepare('SELECT v FROM child ORDER BY id').pluck().all();
const insert = (v: string) => () => db.prepare('INSERT INTO child (parent_id, v) VALUES (1, ?)').run(v).lastInsertRowid;

describe('group commit', () => {
  it('the writes of one turn of the event loop are one commit, and each promise settles after it', async () => {
    const batch = createGroupCommit(db);
    const before = version();
    const pending = ['a', 'b', 'c', 'd', 'e'].map((v) => batch(insert(v)));
    expect(rows()).toEqual([]);
    expect(await Promise.all(pending)).toEqual([1, 2, 3, 4, 5]);
    expect(version()).toBe(before + 1);
    expect(rows()).toEqual(['a', 'b', 'c', 'd', 'e']);
    await batch(insert('f'));
    expect(version()).toBe(before + 2);
  });

  it('a write that throws is undone alone; the others are stored', async () => {
    const batch = createGroupCommit(db);
    const failing = () => {
      insert('x')();
      insert('a')(); // UNIQUE: the whole write, 'x' too, is undone
    };
    const results = await Promise.allSettled([batch(insert('a')), batch(failing), batch(insert('b'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(rows()).toEqual(['a', 'b']);
  });

  it('when the commit fails, every write of the batch is refused and nothing is stored', async () => {
    const batch = createGroupCommit(db);
    const orphan = () => {
      // Checked at COMMIT only: the commit of the whole batch fails.
      db.pragma('defer_foreign_keys = ON');
      db.prepare("INSERT INTO child (parent_id, v) VALUES (99, 'orphan')").run();
    };
    const results = await Promise.allSettled([batch(insert('a')), batch(orphan), batch(insert('b'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(rows()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    await batch(insert('c'));
    expect(rows()).toEqual(['c']);
  });
});
