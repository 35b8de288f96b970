import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Core } from '../wiring';
import { generatePassword, hashPassword } from './passwords';

/**
 * First start with no account: creates the admin from ADMIN_USERNAME / ADMIN_PASSWORD, or
 * with a generated password that the caller shows once (never in a log line). Binds it to the first root unit, and
 * creates a placeholder root unit to rename when the database has none (SEED_DEMO=false).
 * Returns what it did, for the caller and the tests.
 */
export async function bootstrapAdmin({ repos, tx }: Pick<Core, 'repos' | 'tx'>, config: Pick<Config, 'adminUsername' | 'adminPassword'>, logger: Logger) {
  const { users, units } = repos;
  if (users.count() > 0) return { created: false as const };
  const password = config.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const id = tx(() => {
    if (users.count() > 0) return null;
    const unitId = units.firstRootId() ?? units.insert({ code: 'goc', name: 'Đơn vị gốc (đổi tên)', type: 'tinh', parentId: null });
    return users.insert({ username: config.adminUsername, passwordHash, role: 'admin', unitId, mustChange: false });
  });
  if (id === null) return { created: false as const };
  if (config.adminPassword) logger.info({ username: config.adminUsername }, 'created the admin account from ADMIN_USERNAME / ADMIN_PASSWORD');
  // The generated password is handed to the caller (index.ts shows it once), never put in a log line.
  else logger.warn({ username: config.adminUsername }, 'created the admin account with a generated password');
  return { created: true as const, username: config.adminUsername, generated: !config.adminPassword, password };
}
