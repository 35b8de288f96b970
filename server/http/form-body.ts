import type { NextFunction, Request, RequestHandler, Response } from 'express';
import qs from 'qs';

export interface FormBodyOptions { limit: number; parameterLimit: number }

/** A form as every browser sends one: urlencoded, UTF-8 or no charset named. */
const PLAIN_FORM = /^application\/x-www-form-urlencoded\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * The citizen's forms' bodies. A form as browsers send it (urlencoded in UTF-8, not
 * compressed, its length given and within the limit) is read here and parsed by qs with the
 * very options body-parser's `urlencoded({ extended: false })` gives it, so the body is the
 * same either way; anything else (another type or charset, a compressed or chunked body, one
 * over the limit) goes to `longWay`, that body-parser, which answers it as before. What this
 * saves is body-parser's reading machinery: 5–7 µs of a poster's first page of ~140 µs
 * (`npm run bench:profile -- first`, 134–139 µs against 143–144 with body-parser).
 */
export function formBody(longWay: RequestHandler, o: FormBodyOptions): RequestHandler {
  const parse = (body: string): object => {
    if (!body.length) return {};
    const count = parameterCount(body, o.parameterLimit);
    if (count === undefined) throw createError(413, 'too many parameters', { type: 'parameters.too.many' });
    try {
      return qs.parse(body, { allowPrototypes: true, arrayLimit: count, depth: 0, charset: 'utf-8', parameterLimit: o.parameterLimit, strictDepth: true });
    } catch (err) {
      if (err instanceof RangeError) throw createError(400, 'The input exceeded the depth', { type: 'querystring.parse.rangeError' });
      throw err;
    }
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const h = req.headers;
    const length = h['content-length'] === undefined ? NaN : Number(h['content-length']);
    const plain = PLAIN_FORM.test(h['content-type'] ?? '') && (h['content-encoding'] ?? 'identity').toLowerCase() === 'identity' && h['transfer-encoding'] === undefined;
    if (!plain || !Number.isInteger(length) || length > o.limit || req.readableEnded) return longWay(req, res, next);
    const chunks: Buffer[] = [];
    let received = 0, settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('error', settle).off('close', onClose);
      if (err) return next(err);
      try {
        req.body = parse(Buffer.concat(chunks, received).toString('utf8'));
      } catch (e) {
        return next(e);
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= length) chunks.push(chunk);
      else settle(createError(400, 'request size did not match content length', { type: 'request.size.invalid' }));
    };
    const onEnd = () => settle(received === length ? undefined : createError(400, 'request size did not match content length', { type: 'request.size.invalid' }));
    // The client went away before the end: nothing to answer, nothing stored.
    const onClose = () => {
      if (!req.complete) settle(createError(400, 'request aborted', { type: 'request.aborted' }));
    };
    req.on('data', onData).on('end', onEnd).on('error', settle).on('close', onClose);
  };
}

/** An error as body-parser makes it: the status and type the error handler maps (http/error-handler.ts). */
const createError = (status: number, message: string, props: { type: string }) => Object.assign(new Error(message), { status, statusCode: status, expose: true, ...props });

/** body-parser's own count: the parameters up to the limit, undefined past it. */
function parameterCount(body: string, limit: number): number | undefined {
  let count = 0, index = -1;
  do {
    if (++count > limit) return undefined;
    index = body.indexOf('&', index + 1);
  } while (index !== -1);
  return count;
}
