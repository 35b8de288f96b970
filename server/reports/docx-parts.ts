import type * as Docx from 'docx';
import { BAR, barPng, deltaPng } from './bar-images';
import type { DocumentHead } from './document-head';
import type { ChartRow, TextTable } from './report-model';

/** The docx module, loaded by the caller on the first report (import('docx')): nothing of it at rest. */
export type D = typeof Docx;
type T = (key: string, params?: Record<string, string | number>) => string;
interface RunStyle { bold?: boolean; italics?: boolean; allCaps?: boolean; size?: number }

/** Half-points: 13 pt body (Nghị định 30/2020), 10 pt tables. */
export const SIZE = { body: 26, title: 28, table: 20, small: 18 } as const;
/** A4 with 30 mm left, 20 mm top and bottom, 15 mm right margins; the width between them in twips. */
export const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1701, right: 850 } as const;
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export function para(d: D, text: string, o: RunStyle & { align?: 'left' | 'center' | 'right' | 'both'; before?: number; after?: number; indent?: number; keepNext?: boolean } = {}) {
  return new d.Paragraph({
    alignment: o.align ?? 'both',
    spacing: { before: o.before ?? 0, after: o.after ?? 80 },
    indent: o.indent ? { left: o.indent } : undefined,
    keepNext: o.keepNext,
    children: [new d.TextRun({ text, bold: o.bold, italics: o.italics, allCaps: o.allCaps, size: o.size })],
  });
}
export const heading = (d: D, text: string) => para(d, text, { bold: true, before: 200, after: 100, keepNext: true, align: 'left' });
export const bullet = (d: D, text: string) => para(d, `– ${text}`, { indent: 360 });

const NONE = { style: 'none' as const, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function cell(d: D, text: string, width: number, o: RunStyle & { align?: 'left' | 'center' | 'right'; fill?: string; span?: number } = {}) {
  return new d.TableCell({
    width: { size: width, type: 'dxa' },
    columnSpan: o.span,
    shading: o.fill ? { type: 'clear', color: 'auto', fill: o.fill } : undefined,
    margins: { top: 30, bottom: 30, left: 70, right: 70 },
    verticalAlign: 'center',
    children: [para(d, text, { ...o, size: o.size ?? SIZE.table, align: o.align ?? 'left', after: 0 })],
  });
}

/**
 * A data table: the head row repeated on each page, numbers right-aligned, `widths` in
 * fractions of the text width; `groupRows` are element headings spanning the row.
 */
export function dataTable(d: D, tt: TextTable, widths: number[], numeric: Set<number>) {
  const w = widths.map((x) => Math.round(x * TEXT_WIDTH));
  const head = new d.TableRow({ tableHeader: true, cantSplit: true, children: tt.head.map((h, i) => cell(d, h, w[i]!, { bold: true, align: 'center', fill: 'E8EAED' })) });
  const rows = tt.rows.map((r, ri) => new d.TableRow({
    cantSplit: true,
    children: tt.groupRows?.has(ri)
      ? [cell(d, r[0]!, w.reduce((a, b) => a + b, 0), { bold: true, span: w.length, fill: 'F4F5F7' })]
      : r.map((v, i) => cell(d, v, w[i]!, { align: numeric.has(i) ? 'right' : 'left' })),
  }));
  return new d.Table({ width: { size: TEXT_WIDTH, type: 'dxa' }, columnWidths: w, layout: 'fixed', rows: [head, ...rows] });
}

/** A bar chart as a borderless table: the label, the bar drawn as an image, the value written in text. */
export function chartTable(d: D, rows: ChartRow[], kind: { target: number } | { max: number }) {
  const w = [0.3, 0.44, 0.26].map((x) => Math.round(x * TEXT_WIDTH));
  const image = (v: number | null) => new d.ImageRun({
    type: 'png', data: 'target' in kind ? barPng(v, kind.target) : deltaPng(v, kind.max),
    transformation: { width: BAR.printWidth, height: BAR.printHeight },
  });
  return new d.Table({
    width: { size: TEXT_WIDTH, type: 'dxa' }, columnWidths: w, layout: 'fixed', borders: NO_BORDERS,
    rows: rows.map((r) => new d.TableRow({ cantSplit: true, children: [
      cell(d, r.label, w[0]!, { align: 'right', size: SIZE.small }),
      new d.TableCell({ width: { size: w[1]!, type: 'dxa' }, margins: { top: 0, bottom: 0, left: 40, right: 40 }, verticalAlign: 'center', children: [new d.Paragraph({ spacing: { after: 0 }, children: [image(r.value)] })] }),
      cell(d, r.text, w[2]!, { size: SIZE.small }),
    ] })),
  });
}

/** The national heading: the agency on the left, the country, motto and place-and-date on the right. */
export function nationalHead(d: D, h: DocumentHead, t: T) {
  const w = [Math.round(TEXT_WIDTH * 0.42), Math.round(TEXT_WIDTH * 0.58)];
  const stack = (lines: { text: string; style: RunStyle }[], width: number) => new d.TableCell({
    width: { size: width, type: 'dxa' }, borders: NO_BORDERS,
    children: lines.map((l) => para(d, l.text, { ...l.style, align: 'center', after: 20 })),
  });
  const rule = { text: '―――――――', style: { size: SIZE.small } };
  return new d.Table({
    width: { size: TEXT_WIDTH, type: 'dxa' }, columnWidths: w, layout: 'fixed', borders: NO_BORDERS,
    rows: [new d.TableRow({ children: [
      stack([...(h.parentAgency ? [{ text: h.parentAgency, style: { allCaps: true, size: SIZE.body } }] : []), { text: h.agency, style: { bold: true, allCaps: true, size: SIZE.body } }, rule, { text: t('reports.doc.number'), style: { size: SIZE.body } }], w[0]!),
      stack([{ text: t('reports.doc.country'), style: { bold: true, size: 24 } }, { text: t('reports.doc.motto'), style: { bold: true, size: SIZE.title } }, rule, { text: h.placeDate, style: { italics: true, size: SIZE.body } }], w[1]!),
    ] })],
  });
}

/** The signature block: the preparer and the head of the agency side by side, with room to sign. */
export function signatures(d: D, h: DocumentHead, t: T) {
  const w = Math.round(TEXT_WIDTH / 2);
  const signer = (s: { title: string; name: string | null }) => new d.TableCell({
    width: { size: w, type: 'dxa' }, borders: NO_BORDERS,
    children: [para(d, s.title, { bold: true, allCaps: true, align: 'center', after: 0 }), para(d, t('reports.doc.sign_hint'), { italics: true, align: 'center', after: 1400, size: SIZE.table }), para(d, s.name ?? '', { bold: true, align: 'center' })],
  });
  return new d.Table({ width: { size: TEXT_WIDTH, type: 'dxa' }, columnWidths: [w, w], layout: 'fixed', borders: NO_BORDERS, rows: [new d.TableRow({ cantSplit: true, children: [signer(h.preparer), signer(h.head)] })] });
}
