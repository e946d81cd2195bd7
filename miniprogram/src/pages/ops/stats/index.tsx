import { Button, Image, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import { chinaDate, dayRangeProblem } from '@yima/shared';
import { barChart, lineChart, svgDataUri, type ChartSize } from '../../../charts/svgChart';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { errorText } from '../../../i18n';
import type { MessageKey } from '../../../i18n/messages';
import { canDownloadFiles, downloadFile } from '../../../platform/device';
import { usePrefs } from '../../../prefs';
import { ApiError } from '../../../services/request';
import { getToken } from '../../../services/session';
import { fetchStatsRange, statsCsvPath, type StatsRange } from '../../../services/stats';
import { anythingCounted, conversionsByOutcome, DEFAULT_DAYS, lastDays, PRESETS, scansByType, totalConversions, totalScans, trend } from '../../../statsView';
import { GridCompletion } from './GridCompletion';
import './index.css';

const TREND_KEYS: Record<'registrations' | 'checkins' | 'activeUsers', MessageKey> = {
  registrations: 'stats.registrations',
  checkins: 'stats.checkins',
  activeUsers: 'stats.activeUsers',
};

/** Charts are drawn at about the width they are shown at (text keeps its size): the window's
 * width, within what a phone and the page's desktop width allow. */
function chartSize(): ChartSize {
  let windowWidth = 375;
  try {
    windowWidth = Taro.getSystemInfoSync().windowWidth;
  } catch {
    // keep a phone's width
  }
  const width = Math.round(Math.min(1100, Math.max(280, windowWidth - 48)));
  return { width, height: Math.round(Math.min(420, Math.max(220, width * 0.45))) };
}

/**
 * City statistics for operators and admins (SPEC C9): one day's figures, registrations,
 * check-ins and active people day by day, scans by place type and conversion requests by
 * outcome over a range of up to 92 days,
 * and the CSV export (a desktop browser downloads it; a mini-program says to use one). The
 * charts are SVG drawn here (charts/svgChart.ts) and shown as images, the same in WeChat,
 * Alipay and H5. In the `pages/ops` subpackage: residents never download it.
 */
export default function StatsPage() {
  const { t, locale, pageClass } = usePrefs();
  const today = chinaDate(new Date());
  const [range, setRange] = useState(() => lastDays(today, DEFAULT_DAYS));
  const [data, setData] = useState<StatsRange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [size] = useState(chartSize);
  /** Numbers each load: only the latest one's answer is put on screen. */
  const loadSeq = useRef(0);

  async function load(next: { from: string; to: string }) {
    setRange(next);
    setNotice(null);
    const problem = dayRangeProblem(next.from, next.to);
    if (problem) {
      setError(errorText(locale, problem));
      return;
    }
    const mine = ++loadSeq.current;
    setLoading(true);
    setError(null);
    try {
      const fresh = await fetchStatsRange(next.from, next.to);
      if (mine === loadSeq.current) setData(fresh);
    } catch (err) {
      if (mine === loadSeq.current) setError(errorText(locale, err instanceof ApiError ? err.code : 'default'));
    } finally {
      if (mine === loadSeq.current) setLoading(false);
    }
  }

  useDidShow(() => void load(range));

  const charts = useMemo(() => {
    if (!data) return null;
    const { labels, series } = trend(data);
    const types = scansByType(data);
    const outcomes = conversionsByOutcome(data);
    return {
      trend: svgDataUri(
        lineChart(
          labels,
          series.map((s) => ({ label: t(TREND_KEYS[s.key]), values: s.values })),
          { title: t('stats.trendTitle'), locale, size },
        ),
      ),
      scans: svgDataUri(
        barChart(
          types.map((x) => ({ label: t(`place.type.${x.type}` as MessageKey), value: x.scans })),
          { title: t('stats.scansTitle'), subtitle: t('stats.rangeLine', { from: data.from, to: data.to }), locale, size },
        ),
      ),
      scanBars: types.filter((x) => x.scans > 0).length,
      conversions: svgDataUri(
        barChart(
          outcomes.map((x) => ({ label: t(`conversion.status.${x.outcome}` as MessageKey), value: x.count })),
          { title: t('stats.conversionsTitle'), subtitle: t('stats.rangeLine', { from: data.from, to: data.to }), locale, size },
        ),
      ),
      conversionBars: outcomes.filter((x) => x.count > 0).length,
    };
  }, [data, t, locale, size]);

  async function exportCsv() {
    const token = getToken();
    if (!token) return;
    const file = `yima-stats-${range.from}-${range.to}.csv`;
    try {
      if (await downloadFile(statsCsvPath(range.from, range.to), file, token)) setNotice(t('stats.csvDone', { file }));
    } catch (err) {
      setError(errorText(locale, (err as Error).message));
    }
  }

  const last = data?.days[data.days.length - 1];
  return (
    <View className={`${pageClass} stats-page`}>
      <PageHeader title={t('stats.title')} subtitle={t('stats.subtitle')} />
      <Message error={error} notice={notice} />
      <View className='card' id='stats-range'>
        <View className='stats-range__row'>
          <Picker mode='date' value={range.from} start='2000-01-01' end={today} onChange={(e) => void load({ ...range, from: String(e.detail.value) })}>
            <Text className='stats-range__field'>
              {t('stats.from')}
              <Text id='stats-from' className='stats-range__value'>
                {range.from}
              </Text>
            </Text>
          </Picker>
          <Picker mode='date' value={range.to} start='2000-01-01' end={today} onChange={(e) => void load({ ...range, to: String(e.detail.value) })}>
            <Text className='stats-range__field'>
              {t('stats.to')}
              <Text id='stats-to' className='stats-range__value'>
                {range.to}
              </Text>
            </Text>
          </Picker>
        </View>
        <View className='chips'>
          {PRESETS.map((n) => {
            const preset = lastDays(today, n);
            const on = preset.from === range.from && preset.to === range.to;
            return (
              <Text key={n} id={`stats-last-${n}`} className={on ? 'chip chip--on' : 'chip'} onClick={() => void load(preset)}>
                {t('stats.last', { n })}
              </Text>
            );
          })}
        </View>
        {loading ? <Text className='hint'>{t('common.loading')}</Text> : null}
      </View>

      {last ? (
        <View className='card' id='stats-day' data-date={last.date}>
          <Text className='stats-day-title'>{t('stats.dayTitle', { date: last.date })}</Text>
          <View className='stats-figures'>
            <View className='stats-figure'>
              <Text id='stats-registrations' className='stats-figure__value'>
                {last.registrations}
              </Text>
              <Text className='stats-figure__label'>{t('stats.registrations')}</Text>
            </View>
            <View className='stats-figure'>
              <Text id='stats-active' className='stats-figure__value'>
                {last.activeUsers}
              </Text>
              <Text className='stats-figure__label'>{t('stats.activeUsers')}</Text>
            </View>
            <View className='stats-figure'>
              <Text id='stats-checkins' className='stats-figure__value'>
                {last.checkins}
              </Text>
              <Text className='stats-figure__label'>{t('stats.checkins')}</Text>
              <Text className='stats-figure__part'>{t('stats.byRelatives', { n: last.checkinsByRelatives })}</Text>
            </View>
            <View className='stats-figure'>
              <Text id='stats-scans' className='stats-figure__value'>
                {totalScans(last)}
              </Text>
              <Text className='stats-figure__label'>{t('stats.scans')}</Text>
              <Text className='stats-figure__part'>{t('stats.byStaff', { n: totalScans(last, 'staffScans') })}</Text>
            </View>
            <View className='stats-figure'>
              <Text id='stats-conversions' className='stats-figure__value'>
                {totalConversions(last)}
              </Text>
              <Text className='stats-figure__label'>{t('stats.conversions')}</Text>
              <Text className='stats-figure__part'>{t('stats.conversionsPart', last.conversions)}</Text>
            </View>
          </View>
          <Text className='hint'>{t('stats.activeNote')}</Text>
        </View>
      ) : !error ? (
        <Text className='hint'>{t('common.loading')}</Text>
      ) : null}

      {data && charts ? (
        <View>
          {!anythingCounted(data) ? <Text className='hint'>{t('stats.empty')}</Text> : null}
          <View className='card' id='stats-trend' data-points={data.days.length}>
            <Image className='stats-chart' src={charts.trend} mode='widthFix' />
          </View>
          <View className='card' id='stats-scans-chart' data-bars={charts.scanBars}>
            <Image className='stats-chart' src={charts.scans} mode='widthFix' />
          </View>
          <View className='card' id='stats-conversions-chart' data-bars={charts.conversionBars}>
            <Image className='stats-chart' src={charts.conversions} mode='widthFix' />
          </View>
        </View>
      ) : null}

      {last ? <GridCompletion date={last.date} /> : null}

      <View className='card' id='stats-export'>
        {canDownloadFiles ? (
          <View>
            {/* Never `disabled`: Taro's H5 button keeps disabled="false" as an attribute, and its
                [disabled] rule (white text) then outranks .secondary — white on white. */}
            <Button id='stats-csv' className='secondary' onClick={() => void exportCsv()}>
              {t('stats.csv')}
            </Button>
            <Text className='hint'>{t('stats.csvAudited')}</Text>
          </View>
        ) : (
          <Text id='stats-csv-desktop' className='hint'>
            {t('stats.csvDesktop')}
          </Text>
        )}
      </View>
    </View>
  );
}
