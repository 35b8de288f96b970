import crypto from 'node:crypto';

/**
 * A counter's code for its QR URL, easy to read out over the phone: upper-case letters and
 * digits without the look-alikes 0/O and 1/I/l, in three groups of four ("K7QM-3XHR-9PTA",
 * 59 random bits). It never starts with - + = @, which a spreadsheet takes for a formula.
 * Codes made before (base64url) keep working: the URL pattern accepts both.
 */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const newPointCode = () =>
  Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join('')).join('-');
