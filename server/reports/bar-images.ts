import { canvas, encodePng, fillRect, vLine, type Rgb } from './png';

/**
 * One row of a chart as a small image, for the DOCX report: the label and the value stay
 * Word text beside it (searchable, and the same numbers as the tables), the image draws
 * only the bar, the grid and the target. Rows stacked in a table read as one chart.
 * Drawn at twice the printed size, for a sharp print.
 */
export const BAR = { width: 520, height: 36, printWidth: 260, printHeight: 18 } as const;
const BLUE: Rgb = [0x21, 0x66, 0xac], RED: Rgb = [0xb2, 0x18, 0x2b], GRID: Rgb = [0xd5, 0xd8, 0xdc], INK: Rgb = [0x1b, 0x1b, 0x1b];
const PAD = 6;

/** A bar on a 0–100 scale; below the target hatched red (never colour alone: the value text carries ▼ too). */
export function barPng(value: number | null, target: number): Buffer {
  const c = canvas(BAR.width, BAR.height);
  const x = (v: number) => (Math.max(0, Math.min(100, v)) / 100) * (BAR.width - 2);
  for (let v = 0; v <= 100; v += 20) vLine(c, x(v) + 1, GRID, 2);
  if (value !== null) fillRect(c, 1, x(value) + 1, PAD, BAR.height - PAD, value < target ? RED : BLUE, value < target);
  vLine(c, x(target) + 1, INK, 3, [6, 4]);
  return encodePng(c);
}

/** A change in points either side of zero on a ±max scale; a fall hatched red, a rise solid blue. */
export function deltaPng(delta: number | null, max: number): Buffer {
  const c = canvas(BAR.width, BAR.height);
  const zero = BAR.width / 2;
  const x = (v: number) => zero + (Math.max(-max, Math.min(max, v)) / max) * (BAR.width / 2 - 1);
  for (const v of [-max, -max / 2, max / 2, max]) vLine(c, x(v), GRID, 2);
  if (delta !== null && delta !== 0) fillRect(c, zero, x(delta), PAD, BAR.height - PAD, delta < 0 ? RED : BLUE, delta < 0);
  vLine(c, zero, INK, 3);
  return encodePng(c);
}
