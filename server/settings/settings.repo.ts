import type { Db } from '../db/open-database';

/** The settings table: key/value facts the app keeps about itself. */
export function createSettingsRepo(db: Db) {
  const get = db.prepare<{ key: string }, { value: string }>('SELECT value FROM settings WHERE key = :key');
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM settings WHERE key = :key');
  const insertIfAbsent = db.prepare('INSERT INTO settings (key, value) VALUES (:key, :value) ON CONFLICT (key) DO NOTHING');
  return {
    get: (key: string) => get.get({ key })?.value,
    set: (key: string, value: string) => void set.run({ key, value }),
    remove: (key: string) => void remove.run({ key }),
    /** Writes `value` unless the key exists; returns what is stored afterwards (first writer wins). */
    getOrInsert: db.transaction((key: string, value: string): string => {
      insertIfAbsent.run({ key, value });
      return get.get({ key })!.value;
    }),
  };
}
