/** One record of an import file, with the line it starts on, its fields by header name. */
export interface ImportRecord { line: number; fields: Record<string, string> }
export type ParseResult = { ok: true; records: ImportRecord[] } | { ok: false; line: number; key: string };

/** CSV (RFC 4180: quotes, doubled quotes, commas and newlines inside quotes) or JSON, chosen by the first character. */
export function parseImport(text: string): ParseResult {
  const clean = text.replace(/^\uFEFF/, '');
  const first = clean.trimStart()[0];
  return first === '[' || first === '{' ? parseJson(clean) : parseCsv(clean);
}

function splitCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  const delimiter = /^[^\n,]*;/.test(text) ? ';' : ','; // Excel in some locales saves with ';'
  let cells: string[] = [], cell = '', quoted = false, line = 1, start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) { cells.push(cell); cell = ''; }
    else if (c === '\n') { cells.push(cell.replace(/\r$/, '')); rows.push({ line: start, cells }); cells = []; cell = ''; start = line; }
    else cell += c;
  }
  if (cell !== '' || cells.length) { cells.push(cell.replace(/\r$/, '')); rows.push({ line: start, cells }); }
  return rows.filter((r) => r.cells.some((x) => x.trim() !== ''));
}

function parseCsv(text: string): ParseResult {
  const [header, ...rows] = splitCsv(text);
  if (!header) return { ok: false, line: 1, key: 'staff.import.empty' };
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const records = rows.map((r) => ({
    line: r.line,
    fields: Object.fromEntries(names.map((n, i) => [n, (r.cells[i] ?? '').trim()])),
  }));
  return { ok: true, records };
}

/** The line on which each element of the top-level array starts, by scanning outside strings. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0, line = 1, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) { if (c === '\\') i++; else if (c === '"') inString = false; continue; }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') { if (depth === (text.trimStart()[0] === '{' ? 2 : 1)) lines.push(line); depth++; }
    else if (c === ']' || c === '}') depth--;
  }
  return lines;
}

/** JSON: an array of objects, or { "units": [...] } / { "services": [...] }. Values become strings. */
function parseJson(text: string): ParseResult {
  let data: unknown;
  try { data = JSON.parse(text); } catch { return { ok: false, line: 1, key: 'staff.import.bad_json' }; }
  const list = Array.isArray(data) ? data : Object.values(data as object).find(Array.isArray);
  if (!Array.isArray(list)) return { ok: false, line: 1, key: 'staff.import.bad_json' };
  const lines = elementLines(text);
  const records = list.map((item, i) => ({
    line: lines[i] ?? 1,
    fields: item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).map(([k, v]) => [camelToSnake(k), v === null || v === undefined ? '' : String(v).trim()]))
      : { _invalid: '1' },
  }));
  return { ok: true, records };
}

const camelToSnake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`).toLowerCase();
