/**
 * Geometry of the server-rendered SVG charts (views/dashboard/_bars.ejs, _stacked.ejs):
 * plain numbers here, markup and escaping in the views. Colour is never the only signal:
 * a value below the target is hatched and carries a ▼ marker, and every bar has its value
 * written beside it.
 */
import { LEVELS, type LevelCounts } from '../figures/formula';
import type { Formatters } from './dashboard.format';

export interface BarInput { label: string; value: number | null; n: number; few: boolean }
const LABEL_W = 230, PLOT_W = 420, ROW_H = 26, TOP = 30, BOTTOM = 26, RIGHT = 220;
const shorten = (s: string, max = 32) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The frame both horizontal bar charts share: labels left, the plot, values right. */
const frame = (rows: number) => ({
  width: LABEL_W + PLOT_W + RIGHT, height: TOP + rows * ROW_H + BOTTOM, plotLeft: LABEL_W, plotBottom: TOP + rows * ROW_H, top: TOP,
});
/** Where row i's bar and label go; the label cut to fit, the full text kept for its tooltip. */
const rowAt = (i: number, label: string) => ({
  y: TOP + i * ROW_H + 4, h: ROW_H - 8, labelY: TOP + i * ROW_H + ROW_H / 2 + 4, label: shorten(label), fullLabel: label,
  // Values in their own column right of the plot: never crossed by a target or zero line.
  valueX: LABEL_W + PLOT_W + 10,
});

/** Horizontal bars on a 0–100 scale with the target drawn as a vertical line. */
export function barChart(rows: BarInput[], target: number, f: Formatters) {
  const x = (v: number) => LABEL_W + (Math.max(0, Math.min(100, v)) / 100) * PLOT_W;
  return {
    ...frame(rows.length),
    target: { x: x(target), text: f.plain(target) },
    ticks: [0, 20, 40, 60, 80, 100].map((v) => ({ x: x(v), text: String(v) })),
    bars: rows.map((r, i) => ({
      ...rowAt(i, r.label),
      w: r.value === null ? 0 : x(r.value) - LABEL_W,
      below: r.value !== null && r.value < target,
      missing: r.value === null,
      value: f.pct(r.value),
      n: r.n,
      few: r.few,
    })),
  };
}

export interface DeltaInput { label: string; delta: number | null }

/** The change charts' scale (dashboard and DOCX alike): symmetric, at least ±10 points, in steps of 10, so that its ticks are whole. */
export const deltaScale = (values: (number | null)[]) => Math.max(10, Math.ceil(Math.max(0, ...values.map((v) => Math.abs(v ?? 0))) / 10) * 10);

/**
 * The change against the previous period, in points, as bars either side of zero: a fall is
 * hatched and marked ▼, a rise solid and marked ▲, each with its signed value written beside it.
 */
export function deltaChart(rows: DeltaInput[], f: Formatters) {
  const max = deltaScale(rows.map((r) => r.delta));
  const zero = LABEL_W + PLOT_W / 2;
  const x = (v: number) => zero + (v / max) * (PLOT_W / 2);
  return {
    ...frame(rows.length),
    zero,
    ticks: [-max, -max / 2, 0, max / 2, max].map((v) => ({ x: x(v), text: `${v > 0 ? '+' : ''}${f.plain(v)}` })),
    bars: rows.map((r, i) => {
      const d = r.delta ?? 0;
      return {
        ...rowAt(i, r.label),
        x: Math.min(zero, x(d)),
        w: Math.abs(x(d) - zero),
        down: d < 0,
        missing: r.delta === null,
        value: r.delta === null ? null : f.delta(r.delta, 0),
        mark: d < 0 ? ' ▼' : d > 0 ? ' ▲' : '',
      };
    }),
  };
}

export interface StackInput { label: string; counts: LevelCounts; n: number }
const S_LABEL_W = 60, S_PLOT_W = 560, S_ROW_H = 24, S_TOP = 8;

/** One 100% stacked bar per criterion: the share of each of the five levels, written in the segment when it fits. */
export function stackedChart(rows: StackInput[], f: Formatters) {
  return {
    width: S_LABEL_W + S_PLOT_W + 70,
    height: S_TOP + rows.length * S_ROW_H + 8,
    plotLeft: S_LABEL_W,
    rows: rows.map((r, i) => {
      let at = S_LABEL_W;
      const segments = LEVELS.map((level) => {
        const share = r.n ? r.counts[level] / r.n : 0;
        const seg = { level, x: at, w: share * S_PLOT_W, text: share >= 0.07 ? `${f.pct(100 * share)}` : '' };
        at += seg.w;
        return seg;
      });
      return { y: S_TOP + i * S_ROW_H + 3, h: S_ROW_H - 6, textY: S_TOP + i * S_ROW_H + S_ROW_H / 2 + 4, label: r.label, n: r.n, nX: S_LABEL_W + S_PLOT_W + 6, segments };
    }),
  };
}
