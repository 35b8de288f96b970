import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What the key needs from the settings table: only to find and remove a key an older release kept there. */
export interface LegacyKeySettings { get: (key: string) => string | undefined; remove: (key: string) => void }
export interface KeySource { settings: LegacyKeySettings; configured: string | undefined; keyFile: string | null }
export interface InvitationKey { secret: string; created: boolean; moved: boolean }

const LEGACY = 'invitation_secret';

/** Written whole or not at all, readable by the service's user only. Throws EEXIST when the file is there. */
function writeKeyFile(file: string, secret: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${secret}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readKeyFile(file: string): string {
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} does not hold an invitation key (at least 32 characters): restore it from where you keep it, or remove it to start a new one`);
  return secret;
}

/**
 * Before this release the key sat in `settings`, so a copy of the database (or of its backup)
 * held the key beside the dossier hashes it protects. Moved to the key file once, then the row
 * is deleted. A key file that already holds another key wins; the database's one is kept
 * beside it (`<file>.from-database`) rather than lost.
 */
function moveLegacyKey(source: KeySource, file: string): boolean {
  const legacy = source.settings.get(LEGACY);
  if (legacy === undefined) return false;
  if (!fs.existsSync(file)) writeKeyFile(file, legacy);
  else if (readKeyFile(file) !== legacy) fs.writeFileSync(`${file}.from-database`, `${legacy}\n`, { mode: 0o600 });
  source.settings.remove(LEGACY);
  return true;
}

/**
 * The dossier HMAC key: INVITATION_SECRET if given, else the key file beside the database,
 * created on first start. Never in the database, so never in its backups. An in-memory
 * database (tests) gets a key that lives as long as the process.
 */
export function loadInvitationKey(source: KeySource): InvitationKey {
  const file = source.keyFile;
  if (!file) return { secret: source.configured ?? source.settings.get(LEGACY) ?? crypto.randomBytes(32).toString('base64url'), created: false, moved: false };
  const moved = moveLegacyKey(source, file);
  if (source.configured) return { secret: source.configured, created: false, moved };
  try {
    writeKeyFile(file, crypto.randomBytes(32).toString('base64url'));
    return { secret: readKeyFile(file), created: true, moved };
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
    return { secret: readKeyFile(file), created: false, moved };
  }
}
