import type { Db } from '../db/open-database';

export interface ChannelCount { channel: string; flagged: number; n: number; lastId: number }

/** The reads behind /metrics: each one cheap (a primary-key range, a pragma, one settings row). */
export function createMetricsRepo(db: Db) {
  const maxId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM responses');
  const since = db.prepare<{ after: number }, ChannelCount>(`
    SELECT channel, flagged, count(*) AS n, max(id) AS lastId FROM responses WHERE id > :after GROUP BY channel, flagged`);
  const pages = db.prepare<[], { bytes: number }>('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()');
  const lastBackup = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'last_backup'");
  return {
    maxResponseId: () => maxId.get()?.id ?? 0,
    /** Responses stored after `after` (a response id), per channel and flag. */
    responsesSince: (after: number) => since.all({ after }),
    databaseBytes: () => pages.get()?.bytes ?? 0,
    lastBackupJson: () => lastBackup.get()?.value,
  };
}
export type MetricsRepo = ReturnType<typeof createMetricsRepo>;
