import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatChinaDay } from '../format';
import { latestResultLine, sampledLine, sourceLine } from '../healthWords';
import { usePrefs } from '../prefs';
import { recordsPage } from '../routes';
import type { CodeAnswer } from '../services/code';

/**
 * The code page's test and vaccination block (decision 0026): the latest nucleic-acid round with
 * the badge gates looked for ("阴性 · 48小时内"), when it was sampled and where it came from, the
 * doses, and the way to every record. `data-badge` and `data-result` are for tests.
 */
export function HealthSummary({ code, dependentId, now }: { code: Pick<CodeAnswer, 'nucleicAcid' | 'vaccination'>; dependentId?: string | null; now: Date }) {
  const { t, locale } = usePrefs();
  const test = code.nucleicAcid;
  const vax = code.vaccination;
  const tone = !test
    ? ''
    : test.latest.result === 'positive'
      ? 'health__badge--positive'
      : test.badge
        ? `health__badge--${test.badge}`
        : 'health__badge--older';
  return (
    <View id='health-summary' className='health' onClick={() => void Taro.navigateTo({ url: recordsPage(dependentId) })}>
      <Text className='health__title'>{t('records.code.title')}</Text>
      {test ? (
        <View id='health-test' className='health__row' data-result={test.latest.result} data-badge={test.badge ?? ''}>
          <Text className={`health__badge ${tone}`}>{latestResultLine(test, locale)}</Text>
          <Text className='health__detail'>
            {sampledLine(test.latest, now, locale)} · {sourceLine(test.latest, locale)}
          </Text>
        </View>
      ) : (
        <Text className='health__none'>{t('records.code.noResult')}</Text>
      )}
      {vax ? (
        <View id='health-vaccination' className='health__row' data-doses={String(vax.doses)}>
          <Text className='health__doses'>{t('records.code.doses', { n: vax.doses })}</Text>
          <Text className='health__detail'>
            {t('records.code.latestDose', { date: formatChinaDay(vax.latest.date, now, locale) })} · {sourceLine(vax.latest, locale)}
          </Text>
        </View>
      ) : (
        <Text className='health__none'>{t('records.code.noDoses')}</Text>
      )}
      <Text id='records-link' className='health__link'>
        {`${t('records.link')} ›`}
      </Text>
    </View>
  );
}
