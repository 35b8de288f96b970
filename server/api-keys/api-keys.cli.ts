/**
 * npm run api-key -- create --unit <code> --label <text> | revoke <id> | list   [--db path]
 * The key is printed once at creation; only its hash is stored.
 */
import { option, runCli } from '../cli-core';

const USAGE = 'usage: npm run api-key -- create --unit <code> --label <text> | revoke <id> | list  [--db <path>]';

const argv = process.argv.slice(2);
// Keys made or revoked on the command line have no account: the audit log says so (user null).
process.exitCode = runCli(argv, USAGE, ({ apiKeys }) => {
  if (argv[0] === 'create') {
    const k = apiKeys.create({ unitCode: option(argv, '--unit') ?? '', label: option(argv, '--label') ?? '' });
    console.log(`key ${k.id} for unit ${option(argv, '--unit')} ("${k.label}"); shown once, store it now:\n${k.key}`);
  } else if (argv[0] === 'revoke' && Number.isInteger(Number(argv[1]))) {
    console.log(apiKeys.revoke(Number(argv[1])) ? 'revoked' : 'no such active key');
  } else if (argv[0] === 'list') {
    for (const k of apiKeys.list()) console.log(`${k.id}\t${k.prefix}…\t${k.unitCode}\t${k.label}\tcreated ${k.createdAt}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}`);
  } else return 2;
  return 0;
});
