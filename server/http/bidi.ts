/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069):
 * invisible, they make a name or a comment display in another order than it is stored
 * ("Trojan Source"), in a staff list, an export or an audit row. Vietnamese never needs them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export const stripBidi = (text: string) => text.replace(BIDI_CONTROLS, '');
