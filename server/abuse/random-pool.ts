import crypto from 'node:crypto';

/**
 * Random bytes for the ids of the citizen's path (device cookie, submission id, continuation
 * token) taken from one buffer that the system's CSPRNG fills 4 KB at a time: a call to it
 * costs as much for 16 bytes as for 4,096, and a first visit needs three. No byte is handed
 * out twice; Node's own randomUUID pools the same way.
 */
const SIZE = 4096;
const pool = Buffer.alloc(SIZE);
let used = SIZE;

/** `bytes` fresh random bytes (at most 4,096), as base64url. */
export function randomBase64url(bytes: number): string {
  if (used + bytes > SIZE) {
    crypto.randomFillSync(pool);
    used = 0;
  }
  const text = pool.toString('base64url', used, used + bytes);
  used += bytes;
  return text;
}
