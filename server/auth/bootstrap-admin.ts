import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../db/open-database';
import { generatePassword, hashPassword } from './passwords';
import { createUsersRepo } from './users.repo';

/**
 * First start with no account: creates the admin from ADMIN_USERNAME / ADMIN_PASSWORD, or
 * with a generated password printed once in the log. Binds it to the first root unit, and
 * creates a placeholder root unit to rename when the database has none (SEED_DEMO=false).
 * Returns what it did, for the caller and the tests.
 */
export async function bootstrapAdmin(db: Db, config: Pick<Config, 'adminUsername' | 'adminPassword'>, logger: Logger) {
  const users = createUsersRepo(db);
  if (users.count() > 0) return { created: false as const };
  const password = config.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const id = users.transaction(() => {
    if (users.count() > 0) return null;
    const unitId = users.rootUnitId() ?? users.insertRootUnit('goc', 'Đơn vị gốc (đổi tên)');
    return users.insert({ username: config.adminUsername, passwordHash, role: 'admin', unitId, mustChange: false });
  });
  if (id === null) return { created: false as const };
  if (config.adminPassword) logger.info({ username: config.adminUsername }, 'created the admin account from ADMIN_USERNAME / ADMIN_PASSWORD');
  else logger.warn({ username: config.adminUsername, password }, 'created the admin account with this generated password; it is shown only this once: note it now, then change it');
  return { created: true as const, username: config.adminUsername, generated: !config.adminPassword, password };
}
