import { PNG } from 'pngjs';
import { BAR, barPng, deltaPng } from '../server/reports/bar-images';

const BLUE = [0x21, 0x66, 0xac], RED = [0xb2, 0x18, 0x2b];
/** The colours found on the bar's middle line, left to right, as runs. */
function line(png: Buffer) {
  const img = PNG.sync.read(png);
  const y = Math.floor(img.height / 2);
  const at = (x: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)).join(',');
  return { at, width: img.width, count: (rgb: number[]) => Array.from({ length: img.width }, (_, x) => at(x)).filter((c) => c === rgb.join(',')).length };
}

describe('the bars of the report charts', () => {
  test('a bar on 0–100 is as long as its value: solid blue at or above the target, hatched red below it', () => {
    expect(line(barPng(95, 90)).count(BLUE)).toBeGreaterThan(0.9 * BAR.width);
    const below = line(barPng(50, 90));
    expect(below.count(BLUE)).toBe(0);
    // Hatched: 5 of every 8 pixels red, over half the width.
    expect(below.count(RED)).toBeGreaterThan(0.25 * BAR.width);
    expect(below.count(RED)).toBeLessThan(0.36 * BAR.width);
    expect(line(barPng(null, 90)).count(RED) + line(barPng(null, 90)).count(BLUE)).toBe(0);
  });

  test('a change is drawn from the middle: a fall to the left, hatched red; a rise to the right, blue', () => {
    const fall = line(deltaPng(-10, 20));
    expect(fall.at(BAR.width / 2 - 40)).toMatch(new RegExp(`^(${RED.join(',')}|255,255,255)$`));
    expect(fall.count(BLUE)).toBe(0);
    const rise = line(deltaPng(10, 20));
    expect(rise.at(BAR.width / 2 + 40)).toBe(BLUE.join(','));
    expect(rise.at(BAR.width / 2 - 40)).toBe('255,255,255');
    expect(rise.count(BLUE)).toBeGreaterThan(0.2 * BAR.width);
  });
});
