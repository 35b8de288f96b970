/** The short code (URL key) made from a unit's name: "Xã Tây Sơn" → "xa-tay-son". */
export function slugOf(name: string): string {
  return name.replace(/[đĐ]/g, 'd').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32).replace(/-+$/, '');
}

/**
 * A free short code for a new unit: its name's slug, or, where that is taken (292 names recur
 * across provinces), the slug followed by the official code, which is unique in its period.
 */
export function freeShortCode(name: string, officialCode: string, taken: (code: string) => boolean): string {
  const slug = slugOf(name) || 'dv';
  if (!taken(slug)) return slug;
  for (let i = 0; ; i++) {
    const code = `${slug}-${officialCode}${i ? `-${i}` : ''}`;
    if (!taken(code)) return code;
  }
}
