import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { isLocalOnly, lanAddresses, suggestedPublicUrl } from './public-url';

export interface StartFacts {
  config: Pick<Config, 'publicUrl' | 'port' | 'host' | 'databasePath'>;
  demo: { path: string; where: string } | undefined;
  /** Set on the first start only, when the admin's password was generated. */
  admin: { username: string; password: string } | undefined;
}

const LOOPBACK_HOST = /^(127\.|localhost$|::1$)/;

/** How to start so that phones on this network reach the server, with this machine's own addresses. */
export function phoneHint(config: StartFacts['config'], addresses = lanAddresses()): string | null {
  if (!isLocalOnly(config.publicUrl)) return null;
  const host = LOOPBACK_HOST.test(config.host) ? 'HOST=0.0.0.0 ' : '';
  const url = suggestedPublicUrl(config.port, addresses);
  const where = url
    ? `start with PUBLIC_URL=${url} ${host}npm start (this machine's addresses: ${addresses.join(', ')})`
    : 'this machine has no network address besides loopback: connect it to the office network first';
  return `QR codes point to ${config.publicUrl}, which only this machine can open, not a phone. To try it with a phone on the same Wi-Fi, ${where}. A real deployment uses its https address (docs/deploy.md).`;
}

/**
 * For a person at a terminal: one framed block that nobody misses, with the addresses and, on
 * the first start, the generated admin password. Written to the terminal, never as a log record.
 */
export function startBlock(facts: StartFacts): string {
  const { config, demo, admin } = facts;
  const lines = [
    `SIPAS is ready on ${config.publicUrl}`,
    '',
    `Staff login:    ${config.publicUrl}/staff/login`,
    ...(demo ? [`Demo survey:    ${config.publicUrl}${demo.path}`, `                (${demo.where})`] : []),
    ...(admin ? ['', `Admin account:  ${admin.username}`, `Password:       ${admin.password}`, 'Note it now, log in and change it, then delete the copy in', `${adminPasswordFile(config.databasePath)}.`] : []),
  ];
  const hint = phoneHint(config);
  if (hint) lines.push('', ...wrap(hint, 72));
  const rule = '═'.repeat(76);
  return `\n╔${rule}\n${lines.map((l) => `║  ${l}`).join('\n')}\n╚${rule}\n\n`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...out, line] : out;
}

/** Where a generated admin password is kept until someone reads it: a file only root and the service can read. */
export const adminPasswordFile = (databasePath: string) => path.join(path.dirname(databasePath), 'initial-admin-password');

/**
 * Written right after the account is made, before listening: if the port is taken and the
 * start fails, the password is not lost with it. Never in a log line (log collectors keep them).
 */
export function keepAdminPassword(databasePath: string, admin: { username: string; password: string }) {
  fs.writeFileSync(adminPasswordFile(databasePath), `${admin.username}\n${admin.password}\n`, { mode: 0o600 });
}

/** For a service or a pipe: JSON lines as before; the password only by the name of its file. */
export function logStart(logger: Logger, facts: StartFacts) {
  const { config, demo, admin } = facts;
  logger.info(`Staff login: ${config.publicUrl}/staff/login`);
  if (demo) logger.info(`A demo survey (${demo.where}): ${config.publicUrl}${demo.path}`);
  const file = adminPasswordFile(config.databasePath);
  if (admin) logger.warn({ username: admin.username, file }, `the admin account has a generated password, written to ${file} (readable by this service's user only): read it, log in, change the password, then delete the file`);
  else if (fs.existsSync(file)) logger.warn({ file }, `${file} still holds the first admin password: delete it once that password has been changed`);
  const hint = phoneHint(config);
  if (hint) logger.warn({ addresses: lanAddresses() }, hint);
}

/** The key file is not in any backup: whoever runs the server must know to keep a copy of it. */
export function announceInvitationKey(logger: Logger, config: Pick<Config, 'invitationKeyFile'>, key: { created: boolean; moved: boolean }) {
  const file = config.invitationKeyFile;
  if (key.moved) logger.warn({ file }, `the invitation key was moved out of the database into ${file}; backups no longer contain it: keep a copy of that file apart from them (docs/deploy.md)`);
  else if (key.created) logger.warn({ file }, `created the invitation key ${file}; backups do not contain it: keep a copy of that file apart from them (docs/deploy.md)`);
}
