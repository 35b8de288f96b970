import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { captureHeaders } from './fixed-headers';

/**
 * Security headers. The Content-Security-Policy allows nothing from another host, no inline
 * script, and no inline style but the ones named by their hash (`styleHashes`, e.g.
 * "'sha256-…'": the citizen's stylesheet, inlined so that its first page is one request).
 * helmet's headers are the same for every request (no nonce, no function of the request): they
 * are captured from it once (fixed-headers.ts) and set in one step, where helmet's twelve layers
 * cost a poster's first page ~4 % (`npm run bench:profile -- first`, 134–139 → 130–132 µs).
 */
export function securityHeaders(secure: boolean, styleHashes: string[] = []): RequestHandler {
  const apply = captureHeaders(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", ...styleHashes],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31536000 } : false,
    referrerPolicy: { policy: 'no-referrer' },
  }));
  return (_req, res, next) => {
    apply(res);
    next();
  };
}
