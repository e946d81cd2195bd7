/**
 * Small bar and line charts drawn as SVG text (the statistics page, SPEC C9). Mini-programs
 * cannot render inline SVG elements, but WeChat, Alipay and browsers all show an SVG in an
 * `<Image>` from a data URI (svgDataUri): one code path for the three builds, no chart library
 * and no canvas API in the package. Pure: unit-tested (svgChart.test.ts).
 *
 * Every text that reaches the SVG (labels, legend, titles) is XML-escaped. Bars and points
 * carry `data-value`, so tests (and the e2e check) can read what was drawn.
 */

/** The picture's size in its own units. The page draws it at the width it is shown at, so
 * text keeps its size on a phone and on a desktop screen alike. */
export interface ChartSize {
  width: number;
  height: number;
}
export const DEFAULT_SIZE: ChartSize = { width: 640, height: 300 };
/** Room around the plot: the title on the first line, a subtitle or the legend on the second. */
const MARGIN = { top: 52, right: 16, bottom: 40, left: 56 };
const FONT = "font-family=\"'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif\"";
/** Colours that stay apart for most colour-blind readers (Okabe–Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9'];

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

/** 0 to a round top ≥ max, in `steps` equal steps (1, 2, 2.5, 5 × 10^k per step). */
export function niceScale(max: number, steps = 4): number[] {
  const raw = Math.max(max, 1) / steps;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const whole = Math.max(1, Math.ceil(step)); // counts: no step below 1
  return Array.from({ length: steps + 1 }, (_, i) => i * whole);
}

/** A count as an axis or label shows it: 1.7M / 174.7万. */
export function compactNumber(n: number, locale: 'zh' | 'en'): string {
  const trim = (x: number) => String(Math.round(x * 10) / 10);
  if (locale === 'zh') {
    if (n >= 1e8) return `${trim(n / 1e8)}亿`;
    if (n >= 1e4) return `${trim(n / 1e4)}万`;
    return String(n);
  }
  if (n >= 1e6) return `${trim(n / 1e6)}M`;
  if (n >= 1e4) return `${trim(n / 1e3)}k`;
  return String(n);
}

export interface ChartText {
  /** Words of the chart, already translated. */
  title: string;
  locale: 'zh' | 'en';
  /** A second line under the title (the range a chart covers). */
  subtitle?: string;
  /** DEFAULT_SIZE unless told. */
  size?: ChartSize;
}

export interface LineSeries {
  label: string;
  values: readonly number[];
}

export interface BarItem {
  label: string;
  value: number;
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The plot's geometry for a picture size. */
function layout(size: ChartSize = DEFAULT_SIZE) {
  const width = Math.max(240, Math.round(size.width));
  const height = Math.max(180, Math.round(size.height));
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const yOf = (value: number, top: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  return { width, height, plotWidth, plotHeight, yOf };
}
type Layout = ReturnType<typeof layout>;

function frame(g: Layout, content: string, text: ChartText, kind: string, extra: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${g.width} ${g.height}" width="${g.width}" height="${g.height}" data-chart="${kind}"${extra}>` +
    `<rect width="${g.width}" height="${g.height}" fill="#ffffff"/>` +
    `<text x="${MARGIN.left}" y="18" font-size="16" font-weight="bold" fill="#1d2129" ${FONT}>${escapeXml(text.title)}</text>` +
    (text.subtitle ? `<text x="${MARGIN.left}" y="38" font-size="13" fill="#86909c" ${FONT}>${escapeXml(text.subtitle)}</text>` : '') +
    content +
    '</svg>'
  );
}

/** Horizontal grid lines and their values on the left. */
function yAxis(g: Layout, ticks: number[], locale: 'zh' | 'en'): string {
  const top = ticks[ticks.length - 1];
  return ticks
    .map((t) => {
      const y = round(g.yOf(t, top));
      return (
        `<line x1="${MARGIN.left}" y1="${y}" x2="${g.width - MARGIN.right}" y2="${y}" stroke="${t === 0 ? '#86909c' : '#e5e6eb'}" stroke-width="1"/>` +
        `<text x="${MARGIN.left - 6}" y="${y + 4}" font-size="13" text-anchor="end" fill="#4e5969" ${FONT}>${escapeXml(compactNumber(t, locale))}</text>`
      );
    })
    .join('');
}

/** Labels under the x axis, thinned out (about one per 56 units) so they never overlap; the
 * last is always shown, and a regular one too close to it is left out. */
function xLabels(g: Layout, labels: readonly string[], xAt: (i: number) => number, all = false): string {
  const every = all ? 1 : Math.max(1, Math.ceil(labels.length / Math.max(2, Math.floor(g.plotWidth / 56))));
  const last = labels.length - 1;
  return labels
    .map((label, i) =>
      i === last || (i % every === 0 && last - i >= every)
        ? `<text x="${round(xAt(i))}" y="${g.height - MARGIN.bottom + 18}" font-size="13" text-anchor="middle" fill="#4e5969" ${FONT}>${escapeXml(label)}</text>`
        : '',
    )
    .join('');
}

/** Series names on the second line, in order, ending at the right edge (a rough width per
 * character is enough for a legend). */
function legend(g: Layout, labels: readonly string[]): string {
  const widths = labels.map((label) => 22 + [...label].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 13 : 7), 0) + 10);
  let x = g.width - MARGIN.right - widths.reduce((a, b) => a + b, 0);
  return labels
    .map((label, i) => {
      x += i === 0 ? 0 : widths[i - 1];
      return (
        `<rect x="${round(x)}" y="30" width="14" height="4" fill="${PALETTE[i % PALETTE.length]}"/>` +
        `<text x="${round(x + 18)}" y="37" font-size="13" fill="#4e5969" ${FONT}>${escapeXml(label)}</text>`
      );
    })
    .join('');
}

/** Lines over days (or any labels): one per series, a dot at each value when they fit. */
export function lineChart(labels: readonly string[], series: readonly LineSeries[], text: ChartText): string {
  const g = layout(text.size);
  const ticks = niceScale(Math.max(0, ...series.flatMap((s) => s.values)));
  const top = ticks[ticks.length - 1];
  const xAt = (i: number) => MARGIN.left + (labels.length <= 1 ? g.plotWidth / 2 : (i / (labels.length - 1)) * g.plotWidth);
  const dotsFit = labels.length <= g.plotWidth / 8;
  const lines = series
    .map((s, k) => {
      const color = PALETTE[k % PALETTE.length];
      const points = s.values.map((v, i) => [round(xAt(i)), round(g.yOf(v, top))] as const);
      const dots = dotsFit ? points.map(([x, y], i) => `<circle cx="${x}" cy="${y}" r="2.5" fill="${color}" data-value="${s.values[i]}"/>`).join('') : '';
      const path = points.map((p) => p.join(',')).join(' ');
      return `<polyline class="line" data-series="${escapeXml(s.label)}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" points="${path}"/>${dots}`;
    })
    .join('');
  const legendLabels = series.map((s) => s.label);
  return frame(g, yAxis(g, ticks, text.locale) + xLabels(g, labels, xAt) + lines + legend(g, legendLabels), text, 'line', ` data-points="${labels.length}"`);
}

/** Vertical bars, one per item, each with its value above it. */
export function barChart(items: readonly BarItem[], text: ChartText): string {
  const g = layout(text.size);
  const ticks = niceScale(Math.max(0, ...items.map((b) => b.value)));
  const top = ticks[ticks.length - 1];
  const slot = g.plotWidth / Math.max(1, items.length);
  const width = Math.min(64, slot * 0.6);
  const xAt = (i: number) => MARGIN.left + slot * (i + 0.5);
  const base = MARGIN.top + g.plotHeight;
  const bars = items
    .map((b, i) => {
      // A count far below the largest still shows as a sliver: zero and "a few" must differ.
      const height = b.value > 0 ? Math.max(2, round(base - g.yOf(b.value, top))) : 0;
      const y = round(base - height);
      return (
        `<rect class="bar" x="${round(xAt(i) - width / 2)}" y="${y}" width="${round(width)}" height="${height}" fill="${PALETTE[i % PALETTE.length]}" data-value="${b.value}"/>` +
        `<text x="${round(xAt(i))}" y="${y - 4}" font-size="13" text-anchor="middle" fill="#1d2129" ${FONT}>${escapeXml(compactNumber(b.value, text.locale))}</text>`
      );
    })
    .join('');
  const labels = items.map((b) => b.label);
  return frame(g, yAxis(g, ticks, text.locale) + xLabels(g, labels, xAt, true) + bars, text, 'bar', ` data-bars="${items.filter((b) => b.value > 0).length}"`);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 bytes of a string (mini-program runtimes have no TextEncoder everywhere). */
function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Base64 of a string's UTF-8 (no btoa in mini-program runtimes). */
export function base64Utf8(text: string): string {
  const bytes = utf8(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (b === undefined ? '=' : B64[(n >> 6) & 63]) + (c === undefined ? '=' : B64[n & 63]);
  }
  return out;
}

/** An `<Image src>` for an SVG: base64, which WeChat's and Alipay's image components accept
 * where a percent-encoded `utf8,` URI is not reliably decoded. */
export const svgDataUri = (svg: string): string => `data:image/svg+xml;base64,${base64Utf8(svg)}`;
