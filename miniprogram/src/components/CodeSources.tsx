import { Text, View } from '@tarojs/components';
import { sourceAsOf, sourceLabel } from '../codeLabels';
import { formatChinaRelative } from '../format';
import { usePrefs } from '../prefs';
import type { CodeSource } from '../services/code';
import { ColorChip } from './ColorChip';

/**
 * Every source of the code state with its colour and how fresh it is ("省级数据截至 昨天 16:00",
 * China time), and a plain "已过期 / stale" badge when a source's data is older than its limit.
 * Each row: `.code-source` with `data-source` (e.g. "provincial") and `data-stale` ("true"/"false").
 */
export function CodeSources({ sources, now }: { sources: CodeSource[]; now: Date }) {
  const { t, locale } = usePrefs();
  if (!sources.length) return null;
  return (
    <View id='code-sources' className='code-sources'>
      <Text className='code-sources__title'>{t('code.sources')}</Text>
      {sources.map((s) => (
        <View key={s.source} className={`code-source ${s.stale ? 'code-source--stale' : ''}`} data-source={s.source} data-stale={s.stale ? 'true' : 'false'}>
          <View className='code-source__head'>
            <Text className='code-source__name'>{sourceLabel(s.source, locale)}</Text>
            <ColorChip color={s.color} className='code-source__color' />
            {s.stale ? <Text className='code-source__stale'>{t('code.source.stale')}</Text> : null}
          </View>
          {s.asOf ? <Text className='code-source__as-of'>{sourceAsOf(s.source, formatChinaRelative(new Date(s.asOf), now, locale), locale)}</Text> : null}
        </View>
      ))}
    </View>
  );
}
