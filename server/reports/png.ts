import { pngFile, RGB } from '../images/png-file';

/** An RGB canvas with just what bar charts need: filled rectangles, hatched rectangles, and vertical lines (solid or dashed). */
export interface Canvas { width: number; height: number; pixels: Buffer }
export type Rgb = readonly [number, number, number];

export function canvas(width: number, height: number, background: Rgb = [255, 255, 255]): Canvas {
  return { width, height, pixels: Buffer.alloc(width * height * 3).fill(Buffer.from(background)) };
}

const clampX = (c: Canvas, x: number) => Math.max(0, Math.min(c.width, Math.round(x)));

/** Fills [x0, x1) × [y0, y1); with `hatch`, diagonal stripes of `colour` on white, as the dashboard's below-target bars. */
export function fillRect(c: Canvas, x0: number, x1: number, y0: number, y1: number, colour: Rgb, hatch = false) {
  const [a, b] = [clampX(c, Math.min(x0, x1)), clampX(c, Math.max(x0, x1))];
  if (b <= a) return;
  // A row of the colour, copied line by line; a hatched line is that row with its white stripes, shifted by y.
  const solid = Buffer.alloc((b - a) * 3).fill(Buffer.from(colour));
  for (let y = Math.max(0, y0); y < Math.min(c.height, y1); y++) {
    const at = (y * c.width + a) * 3;
    solid.copy(c.pixels, at);
    if (hatch) for (let x = a; x < b; x++) if ((x + y) % 8 >= 5) c.pixels.fill(255, (y * c.width + x) * 3, (y * c.width + x) * 3 + 3);
  }
}

/** A vertical line `thick` pixels wide; `dash` [on, off] in pixels draws it dashed. */
export function vLine(c: Canvas, x: number, colour: Rgb, thick: number, dash?: [number, number]) {
  const x0 = clampX(c, x - thick / 2);
  for (let y = 0; y < c.height; y++) {
    if (dash && y % (dash[0] + dash[1]) >= dash[0]) continue;
    for (let k = 0; k < thick && x0 + k < c.width; k++) c.pixels.set(colour, (y * c.width + x0 + k) * 3);
  }
}

/** The canvas as a PNG file (8-bit RGB, no filter): a few hundred bytes for a bar. */
export function encodePng(c: Canvas): Buffer {
  const rowBytes = c.width * 3 + 1;
  const raw = Buffer.alloc(rowBytes * c.height);
  for (let y = 0; y < c.height; y++) c.pixels.copy(raw, y * rowBytes + 1, y * c.width * 3, (y + 1) * c.width * 3);
  return pngFile(c.width, c.height, RGB, raw);
}
