import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { fillGzipSlot, gzipSlot, type GzipSlot } from '../http/gzip-slot';

/**
 * The citizen's first page, rendered once per (language, questionnaire version, point as the
 * database has it now, its service list) and kept as the bytes before and after its
 * submission id, raw and gzipped (http/gzip-slot.ts). A request only splices its own id in:
 * no template, no gzip of the page. The key holds the point's and the services' current rows,
 * read on every request anyway, so a renamed unit, counter or service is a new key, never a
 * stale page; the inlined stylesheet (allowed by its CSP hash) is part of the constant text.
 */
interface Page { head: Buffer; tail: Buffer; gzip: GzipSlot }

/** A stand-in for the submission id while the page is rendered: no page text can contain it. */
export const SID_SLOT = `sid${crypto.randomBytes(18).toString('hex')}`;
/** Pages kept at most (~11 KB each); beyond, the oldest goes. */
const MAX_PAGES = 256;

export function createFirstPageCache() {
  const pages = new Map<string, Page>();

  const get = (key: string) => pages.get(key);

  /** Keeps a page rendered with SID_SLOT where its submission id goes. */
  const put = (key: string, html: string): Page => {
    const parts = html.split(SID_SLOT);
    if (parts.length !== 2) throw new Error('the first page must hold its submission id exactly once');
    const head = Buffer.from(parts[0]!), tail = Buffer.from(parts[1]!);
    const page = { head, tail, gzip: gzipSlot(head, tail) };
    if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value!);
    pages.set(key, page);
    return page;
  };

  /**
   * Sends a kept page with this submission id, gzipped when the browser takes gzip (the
   * compression middleware then leaves it). Straight to res.end: no ETag nor freshness to
   * work out for a page that is never the same twice (Node sends no body to a HEAD).
   */
  const send = (req: Request, res: Response, page: Page, sid: string) => {
    const text = Buffer.from(sid);
    const gzip = req.acceptsEncodings('gzip') === 'gzip';
    const body = gzip ? fillGzipSlot(page.gzip, text) : Buffer.concat([page.head, text, page.tail]);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.vary('Accept-Encoding');
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  };
  return { get, put, send };
}
export type FirstPageCache = ReturnType<typeof createFirstPageCache>;
