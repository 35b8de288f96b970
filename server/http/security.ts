import helmet from 'helmet';

/**
 * Security headers. The Content-Security-Policy allows nothing from another host, no inline
 * script, and no inline style but the ones named by their hash (`styleHashes`, e.g.
 * "'sha256-…'": the citizen's stylesheet, inlined so that its first page is one request).
 */
export function securityHeaders(secure: boolean, styleHashes: string[] = []) {
  return helmet({
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
  });
}
