/**
 * Canvas drawing: decision boundaries, regression curves and loss curves. Plain 2-D canvas.
 */
import { type Dataset, DOMAIN, regressionTarget } from './data';

/** Class 0 and class 1 colours (blue and orange), and the two models' colours in the charts. */
const CLASS_RGB: [[number, number, number], [number, number, number]] = [
  [37, 99, 235],
  [234, 88, 12],
];
export const CLEAN_COLOR = '#2563eb';
export const NOISY_COLOR = '#c2410c';

function toPx(v: number, size: number): number {
  return ((v + DOMAIN) / (2 * DOMAIN)) * size;
}

function toPy(v: number, size: number): number {
  return size - toPx(v, size);
}

/**
 * Draws a classifier's probabilities on a `grid` x `grid` lattice (row-major from the top, as
 * `gridPoints(2, grid)`), its 0.5 contour, and the training (and faint test) points.
 */
export function drawBoundary(
  canvas: HTMLCanvasElement,
  probs: ArrayLike<number>,
  grid: number,
  train: Dataset,
  test?: Dataset,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  const image = new ImageData(grid, grid);
  for (let i = 0; i < grid * grid; i++) {
    const p = probs[i] as number;
    const [a, b] = CLASS_RGB;
    const conf = Math.min(1, Math.abs(p - 0.5) * 2);
    const c = p >= 0.5 ? b : a;
    // Blend the class colour with white by confidence.
    const mix = 0.15 + 0.55 * conf;
    image.data[4 * i] = Math.round(255 + (c[0] - 255) * mix);
    image.data[4 * i + 1] = Math.round(255 + (c[1] - 255) * mix);
    image.data[4 * i + 2] = Math.round(255 + (c[2] - 255) * mix);
    image.data[4 * i + 3] = 255;
  }
  const tile = document.createElement('canvas');
  tile.width = grid;
  tile.height = grid;
  tile.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tile, 0, 0, width, height);

  drawContour(ctx, probs, grid, width / grid, height / grid);
  if (test) drawPoints(ctx, test, width, height, 1.8, 0.35);
  drawPoints(ctx, train, width, height, 4, 1);
}

/**
 * The 0.5 contour by marching squares over the cell centres, with linear interpolation along
 * each edge of a square.
 */
function drawContour(
  ctx: CanvasRenderingContext2D,
  probs: ArrayLike<number>,
  grid: number,
  cw: number,
  ch: number,
): void {
  const v = (r: number, c: number) => (probs[r * grid + c] as number) - 0.5;
  const cross = (a: number, b: number) => a / (a - b);
  ctx.save();
  ctx.strokeStyle = 'rgba(15, 23, 42, 0.8)';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let r = 0; r + 1 < grid; r++) {
    for (let c = 0; c + 1 < grid; c++) {
      const tl = v(r, c);
      const tr = v(r, c + 1);
      const br = v(r + 1, c + 1);
      const bl = v(r + 1, c);
      const x0 = (c + 0.5) * cw;
      const y0 = (r + 0.5) * ch;
      const pts: [number, number][] = [];
      if (tl >= 0 !== tr >= 0) pts.push([x0 + cross(tl, tr) * cw, y0]);
      if (tr >= 0 !== br >= 0) pts.push([x0 + cw, y0 + cross(tr, br) * ch]);
      if (br >= 0 !== bl >= 0) pts.push([x0 + cw - cross(br, bl) * cw, y0 + ch]);
      if (bl >= 0 !== tl >= 0) pts.push([x0, y0 + ch - cross(bl, tl) * ch]);
      for (let i = 0; i + 1 < pts.length; i += 2) {
        const [a, b] = [pts[i] as [number, number], pts[i + 1] as [number, number]];
        ctx.moveTo(a[0], a[1]);
        ctx.lineTo(b[0], b[1]);
      }
    }
  }
  ctx.stroke();
  ctx.restore();
}

function drawPoints(
  ctx: CanvasRenderingContext2D,
  data: Dataset,
  width: number,
  height: number,
  radius: number,
  alpha: number,
): void {
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#0f172a';
  data.x.forEach((p, i) => {
    const [r, g, b] = CLASS_RGB[data.y[i] === 1 ? 1 : 0];
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.beginPath();
    ctx.arc(toPx(p[0] as number, width), toPy(p[1] as number, height), radius, 0, 2 * Math.PI);
    ctx.fill();
    if (alpha === 1) ctx.stroke();
  });
  ctx.restore();
}

/** Draws a regression curve (`ys` at the x of `gridPoints(1, ys.length)`), the truth and the points. */
export function drawCurve(
  canvas: HTMLCanvasElement,
  ys: ArrayLike<number>,
  train: Dataset,
  color: string,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = '#e2e8f0';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, height / 2);
  ctx.lineTo(width, height / 2);
  ctx.moveTo(width / 2, 0);
  ctx.lineTo(width / 2, height);
  ctx.stroke();

  // The noise-free target, dashed.
  ctx.strokeStyle = '#94a3b8';
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  for (let i = 0; i <= 200; i++) {
    const x = -DOMAIN + (i / 200) * 2 * DOMAIN;
    const px = toPx(x, width);
    const py = toPy(regressionTarget(x), height);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.stroke();
  ctx.setLineDash([]);

  ctx.fillStyle = '#334155';
  train.x.forEach((p, i) => {
    ctx.beginPath();
    ctx.arc(toPx(p[0] as number, width), toPy(train.y[i] as number, height), 3, 0, 2 * Math.PI);
    ctx.fill();
  });

  const n = ys.length;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const x = -DOMAIN + ((i + 0.5) * 2 * DOMAIN) / n;
    const px = toPx(x, width);
    const py = toPy(Math.max(-2 * DOMAIN, Math.min(2 * DOMAIN, ys[i] as number)), height);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.stroke();
}

/** One point of the loss history. */
export interface LossPoint {
  epoch: number;
  cleanTrain: number;
  cleanTest: number;
  noisyTrain: number;
  noisyTest: number;
}

/** About `count` round values (1, 2 or 5 times a power of ten apart) from 0 to `max`. */
export function linearTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

/**
 * Round values between `lo` and `hi` (both > 0) for a log axis: every 1, 2 and 5 times a power
 * of ten, or only the powers of ten when that would be more than `most`; at least the two ends
 * when no round value falls inside.
 */
export function logTicks(lo: number, hi: number, most = 8): number[] {
  const inside = (mantissas: number[]) => {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = m * 10 ** e;
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(Number(v.toPrecision(6)));
      }
    }
    return ticks;
  };
  for (const mantissas of [[1, 2, 3, 5, 7], [1, 2, 5], [1, 3], [1]]) {
    const ticks = inside(mantissas);
    if (ticks.length <= most && ticks.length >= 3) return ticks;
  }
  const decades = inside([1]);
  return decades.length >= 2 ? decades.slice(0, most) : [lo, hi];
}

/** A tick label: up to 2 significant digits, or an exponent for small values. */
function tickLabel(v: number): string {
  if (v === 0) return '0';
  if (v >= 0.01 && v < 1e4) return String(Number(v.toPrecision(2)));
  return v.toExponential(0);
}

/** Train (solid) and test (dashed) losses of both models on a log scale, with titled axes. */
export function drawLosses(canvas: HTMLCanvasElement, history: readonly LossPoint[]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  const left = 58;
  const bottom = 38;
  const top = 10;
  const right = 12;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.font = '11px sans-serif';
  ctx.fillStyle = '#475569';
  if (history.length === 0) {
    ctx.fillText('Losses appear here while training.', left, height / 2);
    return;
  }
  const keys = ['cleanTrain', 'cleanTest', 'noisyTrain', 'noisyTest'] as const;
  const values = history
    .flatMap((h) => keys.map((k) => h[k]))
    .filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.log10(Math.max(1e-4, Math.min(...values)));
  const hi = Math.log10(Math.max(...values));
  const span = Math.max(hi - lo, 0.1);
  const maxEpoch = Math.max(1, history[history.length - 1]?.epoch ?? 1);
  const px = (epoch: number) => left + (epoch / maxEpoch) * (width - left - right);
  const py = (v: number) =>
    top + ((hi - Math.log10(Math.max(v, 1e-4))) / span) * (height - top - bottom);

  // Grid lines and ticks.
  const yTicks = logTicks(10 ** lo, 10 ** (lo + span));
  const xTicks = linearTicks(maxEpoch);
  ctx.strokeStyle = '#eef2f7';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const v of yTicks) {
    ctx.moveTo(left, Math.round(py(v)) + 0.5);
    ctx.lineTo(width - right, Math.round(py(v)) + 0.5);
  }
  for (const e of xTicks) {
    ctx.moveTo(Math.round(px(e)) + 0.5, top);
    ctx.lineTo(Math.round(px(e)) + 0.5, height - bottom);
  }
  ctx.stroke();
  ctx.strokeStyle = '#94a3b8';
  ctx.beginPath();
  ctx.moveTo(left, top);
  ctx.lineTo(left, height - bottom);
  ctx.lineTo(width - right, height - bottom);
  for (const v of yTicks) {
    ctx.moveTo(left - 4, Math.round(py(v)) + 0.5);
    ctx.lineTo(left, Math.round(py(v)) + 0.5);
  }
  for (const e of xTicks) {
    ctx.moveTo(Math.round(px(e)) + 0.5, height - bottom);
    ctx.lineTo(Math.round(px(e)) + 0.5, height - bottom + 4);
  }
  ctx.stroke();
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of yTicks) ctx.fillText(tickLabel(v), left - 6, py(v));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const e of xTicks) ctx.fillText(tickLabel(e), px(e), height - bottom + 6);

  // Axis titles.
  ctx.font = '12px sans-serif';
  ctx.fillStyle = '#334155';
  ctx.textBaseline = 'bottom';
  ctx.fillText('epoch', left + (width - left - right) / 2, height - 2);
  ctx.save();
  ctx.translate(14, top + (height - top - bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText('loss (log scale)', 0, 0);
  ctx.restore();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';

  const series: [(typeof keys)[number], string, number[]][] = [
    ['cleanTrain', CLEAN_COLOR, []],
    ['cleanTest', CLEAN_COLOR, [5, 4]],
    ['noisyTrain', NOISY_COLOR, []],
    ['noisyTest', NOISY_COLOR, [5, 4]],
  ];
  for (const [key, color, dash] of series) {
    ctx.strokeStyle = color;
    ctx.setLineDash(dash);
    ctx.lineWidth = 2;
    ctx.beginPath();
    history.forEach((h, i) => {
      const x = px(h.epoch);
      const y = py(h[key]);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

export function formatLoss(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return v >= 0.01 ? v.toFixed(3) : v.toExponential(1);
}
