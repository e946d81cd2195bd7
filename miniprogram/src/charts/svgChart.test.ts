import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barChart, base64Utf8, compactNumber, escapeXml, lineChart, niceScale, svgDataUri } from './svgChart';

const TEXT = { title: '各类场所扫码', locale: 'zh' as const };
/** The numbers of one attribute of every element with a class. */
const attrs = (svg: string, cls: string, attr: string) =>
  [...svg.matchAll(new RegExp(`<[a-z]+ class="${cls}"[^>]*?\\s${attr}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('SVG charts', () => {
  it('when bars are drawn for non-zero values, then each has a positive height, proportional, and zero values have none', () => {
    const svg = barChart(
      [
        { label: '社区', value: 1747411 },
        { label: '单位', value: 391326 },
        { label: '车站', value: 0 },
      ],
      TEXT,
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('data-bars="2"');
    const heights = attrs(svg, 'bar', 'height').map(Number);
    expect(heights[0]).toBeGreaterThan(heights[1]);
    expect(heights[1]).toBeGreaterThan(0);
    expect(heights[2]).toBe(0);
    expect(heights[0] / heights[1]).toBeCloseTo(1747411 / 391326, 1);
    expect(attrs(svg, 'bar', 'data-value')).toEqual(['1747411', '391326', '0']);
    expect(svg).toContain('174.7万');
  });

  it('when any values are drawn, then every bar fits in the picture and only non-zero values have height', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50_000_000 }), { minLength: 1, maxLength: 12 }), (values) => {
        const svg = barChart(
          values.map((value, i) => ({ label: `t${i}`, value })),
          TEXT,
        );
        const ys = attrs(svg, 'bar', 'y').map(Number);
        const heights = attrs(svg, 'bar', 'height').map(Number);
        values.forEach((v, i) => {
          expect(heights[i] > 0).toBe(v > 0);
          expect(ys[i]).toBeGreaterThanOrEqual(0);
          expect(ys[i] + heights[i]).toBeLessThanOrEqual(300);
        });
      }),
    );
  });

  it('when a line chart is drawn, then each series is a line with a point per day, higher values higher up', () => {
    const svg = lineChart(
      ['11-20', '11-21', '11-22'],
      [
        { label: '注册', values: [1, 5, 3] },
        { label: '打卡', values: [0, 0, 0] },
      ],
      { title: '每日趋势', locale: 'zh' },
    );
    expect(svg).toContain('data-points="3"');
    const lines = attrs(svg, 'line', 'points');
    expect(lines).toHaveLength(2);
    const ys = lines[0].split(' ').map((p) => Number(p.split(',')[1]));
    expect(ys[1]).toBeLessThan(ys[2]);
    expect(ys[2]).toBeLessThan(ys[0]);
    expect(svg).toContain('11-21');
    expect(svg).toContain('data-series="打卡"');
  });

  it('when many days are drawn at a phone’s width, then the day labels under the axis stay apart, the last one shown; bars keep every label', () => {
    const days = Array.from({ length: 92 }, (_, i) => `d${i}`);
    for (const width of [320, 375, 640, 1100]) {
      const svg = lineChart(days, [{ label: 'a', values: days.map((_, i) => i) }], { title: 't', locale: 'en', size: { width, height: 240 } });
      expect(svg).toContain(`viewBox="0 0 ${width} 240"`);
      const xs = [...svg.matchAll(/<text x="([\d.]+)" y="218"[^>]*>(d\d+)</g)].map((m) => ({ x: Number(m[1]), label: m[2] }));
      expect(xs.at(-1)?.label).toBe('d91');
      for (let i = 1; i < xs.length; i++) expect(xs[i].x - xs[i - 1].x).toBeGreaterThanOrEqual(40);
    }
    const bars = barChart(
      ['小区', '单位', '车站', '检查站', '公共场所'].map((label) => ({ label, value: 1 })),
      { title: 't', subtitle: '2026-11-01 至 2026-11-22', locale: 'zh', size: { width: 320, height: 240 } },
    );
    for (const label of ['小区', '单位', '车站', '检查站', '公共场所', '2026-11-01 至 2026-11-22']) expect(bars).toContain(`>${label}</text>`);
  });

  it('when labels and titles hold markup, then it is escaped and the SVG stays well formed', () => {
    const svg = barChart([{ label: '<script>alert("x")</script> & \'co\'', value: 3 }], { title: 'A&B <b>', subtitle: '<i>', locale: 'en' });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(svg).toContain('A&amp;B &lt;b&gt;');
    expect(svg).toContain('&lt;i&gt;');
    expect(escapeXml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
    // Every tag opened is closed (a rough well-formedness check without a DOM).
    const opened = [...svg.matchAll(/<([a-z]+)[\s>]/g)].filter((m) => !svg.slice(m.index).match(/^<[a-z]+[^>]*\/>/)).map((m) => m[1]);
    const closed = [...svg.matchAll(/<\/([a-z]+)>/g)].map((m) => m[1]);
    expect(opened.sort()).toEqual(closed.sort());
  });

  it('when nothing was counted, then the chart still draws its axes (0 to 4) and no bar', () => {
    const svg = barChart([{ label: 'a', value: 0 }], { title: 't', locale: 'en' });
    expect(svg).toContain('data-bars="0"');
    expect(niceScale(0)).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    [7, [0, 2, 4, 6, 8]],
    [100, [0, 25, 50, 75, 100]],
    [1747411, [0, 500000, 1000000, 1500000, 2000000]],
    [3, [0, 1, 2, 3, 4]],
  ])('niceScale(%i) is %j', (max, ticks) => {
    expect(niceScale(max)).toEqual(ticks);
  });

  it.each([
    [2156352, 'zh', '215.6万'],
    [300000000, 'zh', '3亿'],
    [9999, 'zh', '9999'],
    [2156352, 'en', '2.2M'],
    [391326, 'en', '391.3k'],
    [9999, 'en', '9999'],
  ] as const)('compactNumber(%i, %s) is %s', (n, locale, text) => {
    expect(compactNumber(n, locale)).toBe(text);
  });

  it('when text is encoded for the image, then it is the base64 of its UTF-8, Chinese and emoji included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(base64Utf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
      }),
    );
    const svg = barChart([{ label: '社区', value: 1 }], TEXT);
    const uri = svgDataUri(svg);
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64').toString('utf8')).toBe(svg);
  });
});
