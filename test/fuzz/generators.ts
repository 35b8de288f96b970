import type { Rng } from './prng';

/** One generated request; `body` is sent as is (a Buffer may hold broken encodings). */
export interface FuzzRequest { method: string; path: string; headers: Record<string, string>; body?: Buffer; kind: string }

// Strings that have broken parsers before: long and unusual Unicode, control characters, markup, formulas.
const NASTY = [
  '', ' ', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor', 'toString',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '=HYPERLINK("http://x")', '+cmd|x', '@SUM(1)',
  "' OR 1=1 --", '; DROP TABLE responses;', '%00', '\u0000', '\u0007', '\r\n\r\n', '\t', '\u202e\u0645\u0631\u062d\u0628\u0627', '\ufeff',
  'Cán bộ hướng dẫn nhiệt tình', 'Ba\u0300n', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀👩‍👩‍👧‍👦', '\ud800', '\udfff', 'ﷺ', 'Z̴̡̪̫̠͇̓͌̌̂͗a̷l̸g̴o', '../../etc/passwd', '..%2f..%2f', '%E0%A4%A', '%C0%AE',
  '9'.repeat(400), 'a'.repeat(5000),
];
const FIELDS = ['sid', 'overall', 'service', 'comment', 'c15', 'c22', 'p_info', 'p_digital', 'lang', '_csrf', 'username', 'password', 'next',
  'code', 'name', 'type', 'parentId', 'label', 'serviceId', 'active', 'successorId', 'serviceIds', 'nameVi', 'nameEn', 'kind', 'content', 'action',
  'role', 'unitId', 'confirm', 'current', 'period', 'from', 'to', 'unit', 'groupBy', 'table', 'a[b]', 'a[]', '__proto__', 'constructor[prototype]'];
const TYPES = ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-16', 'application/x-www-form-urlencoded; charset=koi8-r',
  'application/json', 'multipart/form-data; boundary=x', 'text/plain', 'application/xml', 'image/png', '', 'application/x-www-form-urlencoded; charset=utf-8'];

const RANGES: [number, number][] = [[0x20, 0x60], [0, 0x20], [0x300, 0x70], [0x1ea0, 0x60], [0x1f600, 0x50], [0xe000, 0x1000], [0x10000, 0x100000]];

export function nasty(r: Rng): string {
  if (!r.chance(0.15)) return r.pick(NASTY);
  const [from, size] = r.pick(RANGES);
  const out: number[] = [];
  for (let n = 1 + r.int(3000); n > 0; n--) out.push(from + r.int(size));
  return String.fromCodePoint(...out);
}

/** Percent-encoding that sends a lone surrogate as the invalid UTF-8 bytes of one. */
export function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.split(/([\ud800-\udfff])/).map((p) => (/^[\ud800-\udfff]$/.test(p) ? '%ED%A0%80' : encodeURIComponent(p))).join('');
  }
}

/** A urlencoded body, sometimes with broken percent-escapes, raw bytes or a repeated key (an array where a string belongs). */
export function formBody(r: Rng, base: Record<string, string> = {}): string {
  const pairs = Object.entries(base).map(([k, v]) => `${enc(k)}=${enc(v)}`);
  for (let i = r.int(8); i > 0; i--) {
    const key = r.chance(0.8) ? r.pick(FIELDS) : nasty(r).slice(0, 50);
    const value = nasty(r);
    const encoded = enc(value);
    pairs.push(`${enc(key)}=${r.chance(0.2) ? value : r.chance(0.1) ? encoded.slice(0, Math.max(0, encoded.length - 1)) : encoded}`);
    if (r.chance(0.2)) pairs.push(`${enc(key)}=${enc(nasty(r))}`);
  }
  if (r.chance(0.1)) pairs.push(r.pick(['%ZZ=1', 'a=%E0%A4', '=', '&&&', 'x', '%=%', 'a=%FF%FE']));
  return pairs.join('&');
}

export function body(r: Rng, base: Record<string, string> = {}): { body: Buffer; type: string } {
  const type = r.chance(0.7) ? TYPES[0]! : r.pick(TYPES);
  const roll = r.next();
  if (roll < 0.05) return { body: Buffer.alloc(r.chance(0.5) ? 40_000 : 1_100_000, 'a'), type };
  if (roll < 0.1) return { body: Buffer.from(Array.from({ length: r.int(500) }, () => r.int(256))), type };
  if (roll < 0.15) return { body: Buffer.from(JSON.stringify({ ...base, overall: [5], sid: { $gt: '' }, comment: nasty(r) })), type: 'application/json' };
  return { body: Buffer.from(formBody(r, base), 'utf8'), type };
}

/** Paths around a real one: traversal, encodings, doubled slashes, huge ids, Unicode. */
export function pathTrick(r: Rng, real: string): string {
  const tricks: (() => string)[] = [
    () => real, () => `${real}/`, () => `${real}/..`, () => `${real}/%2e%2e/%2e%2e/package.json`, () => `${real}%00`, () => `${real}%`, () => `${real}%zz`, () => `/${real}`,
    () => `${real}?${r.pick(FIELDS)}=${enc(nasty(r).slice(0, 500))}`, () => `${real}?lang=en&lang=vi`, () => `${real}?lang[]=en`, () => `${real}?page=99999999999`,
    () => `${real}?${'a=1&'.repeat(2000)}`, () => real.replace(/\d+/, '99999999999999999999'), () => real.replace(/\d+/, '-1'), () => real.replace(/\d+/, '1e3'),
    () => real.replace(/\/[^/]*$/, '/' + enc(nasty(r).slice(0, 200))), () => '/public/../server/config.ts', () => '/public/%2e%2e/package.json', () => '/public/style.css%00.js',
    () => '/..%2f..%2fetc%2fpasswd', () => '//staff', () => '/s/' + 'A'.repeat(5000), () => '/s/%E0%A4%A', () => '/%ff', () => `/s/${encodeURIComponent('Tây-Vinh')}`,
  ];
  return r.pick(tricks)();
}
