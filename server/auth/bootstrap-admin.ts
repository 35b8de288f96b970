import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Core } from '../wiring';
import { generatePassword, hashPassword } from './passwords';

/**
 * First start with no account: creates the admin from ADMIN_USERNAME / ADMIN_PASSWORD, or
 * with a generated password printed once in the log. Binds it to the first root unit, and
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
  else logger.warn({ username: config.adminUsername, password }, 'created the admin account with this generated password; it is shown only this once: note it now, then change it');
  return { created: true as const, username: config.adminUsername, generated: !config.adminPassword, password };
}
