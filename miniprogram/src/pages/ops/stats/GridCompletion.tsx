import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { GridView } from '@yima/shared';
import { errorText } from '../../../i18n';
import { usePrefs } from '../../../prefs';
import { ApiError } from '../../../services/request';
import { fetchStatsGrids, type StatsGrids } from '../../../services/stats';
import { completionRow, completionRows } from '../../../statsView';

/**
 * Check-in completion by grid on one day (SPEC C9): the city's districts, a district's streets,
 * a street's communities — each with the share of its residents who checked in, least complete
 * first, as a bar. A row opens the grids beneath it; the path above goes back up.
 */
export function GridCompletion({ date }: { date: string }) {
  const { t, locale } = usePrefs();
  const [path, setPath] = useState<GridView[]>([]);
  const [answer, setAnswer] = useState<StatsGrids | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadSeq = useRef(0);
  const parent = path.length ? path[path.length - 1].code : null;

  useEffect(() => {
    const mine = ++loadSeq.current;
    setError(null);
    fetchStatsGrids(date, parent).then(
      (fresh) => mine === loadSeq.current && setAnswer(fresh),
      (err) => mine === loadSeq.current && setError(errorText(locale, err instanceof ApiError ? err.code : 'default')),
    );
  }, [date, parent, locale]);

  const total = answer ? completionRow({ code: '', name: '', level: 'district', ...answer.total }) : null;
  const percentText = (p: number | null) => (p === null ? t('stats.completionNobody') : `${p}%`);
  return (
    <View className='card' id='stats-completion' data-parent={parent ?? ''} data-grids={answer?.grids.length ?? 0}>
      <Text className='stats-day-title'>{t('stats.completionTitle', { date })}</Text>
      <View className='stats-completion__path'>
        <Text id='stats-completion-city' className={path.length ? 'stats-completion__up' : ''} onClick={() => setPath([])}>
          {t('stats.completionCity')}
        </Text>
        {path.map((g, i) => (
          <Text key={g.code} className={i < path.length - 1 ? 'stats-completion__up' : ''} onClick={() => setPath(path.slice(0, i + 1))}>
            {` › ${g.name}`}
          </Text>
        ))}
      </View>
      {error ? <Text className='error'>{error}</Text> : null}
      {total ? (
        <Text id='stats-completion-total' className='hint'>
          {t('stats.completionLine', { checkedIn: total.checkedIn, residents: total.residents, percent: percentText(total.percent) })}
        </Text>
      ) : null}
      {answer && !answer.grids.length ? <Text className='hint'>{t('stats.completionNoGrids')}</Text> : null}
      {answer
        ? completionRows(answer).map((row) => {
            const grid = answer.grids.find((g) => g.code === row.code) as GridView;
            return (
              <View
                key={row.code}
                id={`stats-completion-${row.code}`}
                className={row.opens ? 'stats-completion__row stats-completion__row--opens' : 'stats-completion__row'}
                data-percent={row.percent ?? ''}
                onClick={() => row.opens && setPath([...path, grid])}
              >
                <View className='stats-completion__label'>
                  <Text>{row.name}</Text>
                  <Text className='stats-completion__figure'>
                    {t('stats.completionLine', { checkedIn: row.checkedIn, residents: row.residents, percent: percentText(row.percent) })}
                  </Text>
                </View>
                <View className='stats-completion__track'>
                  <View className='stats-completion__bar' style={{ width: `${row.percent ?? 0}%` }} />
                </View>
              </View>
            );
          })
        : null}
      <Text className='hint'>{t('stats.completionNote')}</Text>
    </View>
  );
}
