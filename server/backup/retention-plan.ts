import { vietnamDate } from '../time/vietnam-time';

export interface Keep { daily: number; weekly: number; monthly: number }
export interface BackupFile { name: string; at: Date }

/** `sipas-20261202-114107Z.sqlite`: the UTC instant it was taken, sortable by name. */
export const BACKUP_NAME = /^sipas-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z\.sqlite$/;

export function backupName(at: Date): string {
  const s = at.toISOString();
  return `sipas-${s.slice(0, 10).replaceAll('-', '')}-${s.slice(11, 19).replaceAll(':', '')}Z.sqlite`;
}

export function parseBackupName(name: string): BackupFile | null {
  const m = BACKUP_NAME.exec(name);
  return m ? { name, at: new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) } : null;
}

/** The Monday (YYYY-MM-DD) of the week of a Vietnamese local day. */
function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const PERIODS: [keyof Keep, (day: string) => string][] = [['daily', (d) => d], ['weekly', mondayOf], ['monthly', (d) => d.slice(0, 7)]];

/**
 * Grandfather-father-son: the newest backup of each of the last `daily` days that have one,
 * of the last `weekly` weeks and of the last `monthly` months (Vietnam's calendar), together.
 * Everything else may go. The newest backup is always kept.
 */
export function backupsToKeep(files: BackupFile[], keep: Keep): Set<string> {
  const newestFirst = [...files].sort((a, b) => b.at.getTime() - a.at.getTime());
  const kept = new Set<string>(newestFirst.slice(0, 1).map((f) => f.name));
  for (const [period, keyOf] of PERIODS) {
    const seen = new Set<string>();
    for (const f of newestFirst) {
      const key = keyOf(vietnamDate(f.at));
      if (seen.has(key)) continue;
      if (seen.size >= keep[period]) break;
      seen.add(key);
      kept.add(f.name);
    }
  }
  return kept;
}
