import crypto from 'node:crypto';

/** A short unguessable code for a QR URL: 64 random bits, URL-safe. */
export const newPointCode = () => crypto.randomBytes(8).toString('base64url');
