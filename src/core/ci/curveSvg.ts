import type { AuditOutcome } from './types';
import { xmlEscape as x } from './xml';

const W = 640;
const PLOT_H = 340;
const PAD = { left: 56, right: 24, top: 44, bottom: 44 };
// Legend below the plot, three entries a row, so it never covers a curve.
const PER_ROW = 3;
const ROW = 18;
const INSET = 14;
// Observable's "observable10" scheme: distinct in light and dark themes.
const COLORS = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];

/**
 * The ensemble-size curve of every ensemble audit in one SVG (the paper's main figure): relError
 * of k-member means (mean ± sd over resamples, dots and bars), the fitted model (dashed) and the
 * floor (dotted), k on a log₂ axis. Built as a string: Observable Plot needs a DOM, Node has none.
 * null when no audit has an ensemble.
 */
export function renderCurveSvg(audits: readonly AuditOutcome[]): string | null {
  const series = audits.filter((a) => a.report.ensemble && a.report.ensemble.curve.length > 0);
  if (!series.length) return null;
  const curves = series.map((a) => a.report.ensemble!);
  const kMax = Math.max(2, ...curves.flatMap((e) => e.curve.map((c) => c.k)));
  const yMax = niceCeil(Math.max(0.01, ...curves.flatMap((e) => [...e.curve.map((c) => c.relError + c.relErrorSd), e.floor ?? 0])));
  const H = PLOT_H + Math.ceil(series.length / PER_ROW) * ROW + 8;
  const sx = (k: number) => PAD.left + INSET + (Math.log2(k) / Math.log2(kMax)) * (W - PAD.left - PAD.right - 2 * INSET);
  const sy = (v: number) => PLOT_H - PAD.bottom - (Math.min(Math.max(v, 0), yMax) / yMax) * (PLOT_H - PAD.top - PAD.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${PAD.left}" y="16" font-size="13" font-weight="600">relError of the ensemble mean vs members k</text>`,
    `<text x="${PAD.left}" y="32" fill="#666">dots: mean ± sd over 30 resamples of k members · dashed: fitted model · dotted: floor</text>`,
    ...axes(kMax, yMax, sx, sy),
  ];
  series.forEach((a, i) => {
    const e = a.report.ensemble!;
    const color = COLORS[i % COLORS.length]!;
    const finite = e.curve.filter((c) => Number.isFinite(c.relError));
    const model = e.curve.filter((c) => c.modelRelError !== null && Number.isFinite(c.modelRelError));
    if (model.length > 1) out.push(`<polyline fill="none" stroke="${color}" stroke-dasharray="5 3" points="${model.map((c) => `${f(sx(c.k))},${f(sy(c.modelRelError!))}`).join(' ')}"/>`);
    if (e.floor !== null && !e.meanNearZero) out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(sy(e.floor))}" y2="${f(sy(e.floor))}" stroke="${color}" stroke-dasharray="1 3"/>`);
    for (const c of finite) {
      out.push(`<line x1="${f(sx(c.k))}" x2="${f(sx(c.k))}" y1="${f(sy(c.relError - c.relErrorSd))}" y2="${f(sy(c.relError + c.relErrorSd))}" stroke="${color}"/>`);
      out.push(
        `<circle cx="${f(sx(c.k))}" cy="${f(sy(c.relError))}" r="3.5" fill="${color}"><title>${x(`${a.name}: k=${c.k}, relError ${(c.relError * 100).toFixed(2)}% ± ${(c.relErrorSd * 100).toFixed(2)}%`)}</title></circle>`,
      );
    }
    const lx = PAD.left + (i % PER_ROW) * ((W - PAD.left) / PER_ROW);
    const ly = PLOT_H + Math.floor(i / PER_ROW) * ROW + 4;
    out.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${color}"/>`);
    out.push(`<text x="${lx + 15}" y="${ly}">${x(legend(a))}</text>`);
  });
  out.push('</svg>', '');
  return out.join('\n');
}

function axes(kMax: number, yMax: number, sx: (k: number) => number, sy: (v: number) => number): string[] {
  const out = [`<g stroke="#999">`, `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${sy(0)}" y2="${sy(0)}"/>`, `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${sy(0)}"/>`, '</g>'];
  const ticks: number[] = [];
  for (let k = 1; k < kMax; k *= 2) if (Math.log2(kMax / k) > 0.3) ticks.push(k);
  for (const k of [...ticks, kMax]) out.push(`<text x="${f(sx(k))}" y="${PLOT_H - PAD.bottom + 16}" text-anchor="middle">${k}</text>`);
  out.push(`<text x="${(PAD.left + W - PAD.right) / 2}" y="${PLOT_H - 12}" text-anchor="middle">members k (log scale)</text>`);
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(sy(v))}" y2="${f(sy(v))}" stroke="#eee"/>`);
    out.push(`<text x="${PAD.left - 6}" y="${f(sy(v) + 4)}" text-anchor="end">${(v * 100).toFixed(yMax < 0.1 ? 1 : 0)}%</text>`);
  }
  return out;
}

function legend(a: AuditOutcome): string {
  const name = a.name.length > 28 ? `${a.name.slice(0, 27)}…` : a.name;
  return `${name} (N=${a.report.ensemble!.size})`;
}

// 0.913 → 1, 0.12 → 0.15: a round top for the axis.
function niceCeil(v: number): number {
  const step = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= v) return m * step;
  return 10 * step;
}

function f(n: number): string {
  return n.toFixed(1);
}
