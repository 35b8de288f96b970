import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

type HeaderOp = { set: string; value: string | number | readonly string[] } | { remove: string };

/**
 * The headers a middleware sets whatever the request (helmet's, with a policy that names no
 * nonce and no function of the request), captured by running it once against a recorder: the
 * function returned then sets the very same headers on a response in one loop, where running
 * the middleware costs a dozen function layers (security.ts). Throws when the middleware does anything but set
 * and remove headers and call next() at once: such a one cannot be captured.
 */
export function captureHeaders(middleware: RequestHandler): (res: ServerResponse) => void {
  const ops: HeaderOp[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void ops.push({ set: name, value }),
    removeHeader: (name: string) => void ops.push({ remove: name }),
  };
  let called = false;
  middleware({ method: 'GET', url: '/', headers: {} } as never, recorder as never, (err?: unknown) => {
    if (err) throw err;
    called = true;
  });
  if (!called) throw new Error('captureHeaders: the middleware did not call next() at once');
  return (res) => {
    for (const op of ops) ('set' in op ? res.setHeader(op.set, op.value) : res.removeHeader(op.remove));
  };
}
