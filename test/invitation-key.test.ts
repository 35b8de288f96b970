import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/open-database';
import { migrate } from '../server/db/migrate';
import { createSettingsRepo } from '../server/settings/settings.repo';
import { loadInvitationKey } from '../server/invitations/invitation-key';

/** The invitation key lives outside the database (issue 11 item 2, issue 15 item 5): never in `settings`, so never in a backup. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipas-ikey-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function setup(legacy?: string) {
  const db = openDatabase(':memory:');
  migrate(db);
  const settings = createSettingsRepo(db);
  if (legacy) settings.set('invitation_secret', legacy);
  const keyFile = path.join(dir, `k${++n}`, 'sipas.key');
  return { settings, keyFile, rows: () => db.prepare("SELECT count(*) FROM settings WHERE key = 'invitation_secret'").pluck().get() };
}
const OLD = 'o'.repeat(43);

describe('the invitation key file', () => {
  it('is created once, 0600, and read back the same on every later start', () => {
    const { settings, keyFile } = setup();
    const first = loadInvitationKey({ settings, configured: undefined, keyFile });
    expect(first.created).toBe(true);
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadInvitationKey({ settings, configured: undefined, keyFile })).toEqual({ secret: first.secret, created: false, moved: false });
  });

  it('takes over the key an older release kept in settings, and deletes that row', () => {
    const { settings, keyFile, rows } = setup(OLD);
    expect(loadInvitationKey({ settings, configured: undefined, keyFile })).toEqual({ secret: OLD, created: false, moved: true });
    expect(rows()).toBe(0);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${OLD}\n`);
  });

  it('with INVITATION_SECRET set, still removes the old row from the database (kept in the file, not lost)', () => {
    const { settings, keyFile, rows } = setup(OLD);
    expect(loadInvitationKey({ settings, configured: 'c'.repeat(40), keyFile }).secret).toBe('c'.repeat(40));
    expect(rows()).toBe(0);
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(OLD);
  });

  it('keeps an existing key file over a different key in the database, and sets the other aside instead of losing it', () => {
    const { settings, keyFile, rows } = setup(OLD);
    fs.mkdirSync(path.dirname(keyFile));
    fs.writeFileSync(keyFile, `${'f'.repeat(43)}\n`, { mode: 0o600 });
    expect(loadInvitationKey({ settings, configured: undefined, keyFile }).secret).toBe('f'.repeat(43));
    expect(rows()).toBe(0);
    expect(fs.readFileSync(`${keyFile}.from-database`, 'utf8').trim()).toBe(OLD);
  });

  it('refuses to start on a damaged key file, saying what to do', () => {
    const { settings, keyFile } = setup();
    fs.mkdirSync(path.dirname(keyFile));
    fs.writeFileSync(keyFile, 'short\n');
    expect(() => loadInvitationKey({ settings, configured: undefined, keyFile })).toThrow(/does not hold an invitation key .* restore it/);
  });

  it('an in-memory database (tests) writes no file and keeps no key in settings', () => {
    const { settings, rows } = setup();
    expect(loadInvitationKey({ settings, configured: undefined, keyFile: null }).secret).toHaveLength(43);
    expect(rows()).toBe(0);
  });
});
