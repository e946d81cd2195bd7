import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState, type PropsWithChildren } from 'react';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { failureText } from '../../errorWords';
import { formatChinaDay, formatChinaRelative } from '../../format';
import { sourceLine } from '../../healthWords';
import { usePrefs } from '../../prefs';
import { dependentParam } from '../../routes';
import { fetchHealthRecords, type HealthRecordsAnswer } from '../../services/code';
import { fetchDependentHealthRecords } from '../../services/dependents';
import type { MessageKey } from '../../i18n/messages';

/** One kind of record: its title and count, how recent the data is, and its records (or a line
 * saying there are none). `#<id>-as-of` holds the "as of" line. */
function RecordsSection(p: PropsWithChildren<{ id: string; title: string; count: number; asOf: string; empty: string }>) {
  const { t } = usePrefs();
  return (
    <View id={p.id} className='records-section'>
      <View className='records-section__head'>
        <Text className='records-section__title'>{p.title}</Text>
        <Text className='hint'>{t('records.count', { n: p.count })}</Text>
      </View>
      <Text id={`${p.id}-as-of`} className='hint'>
        {p.asOf}
      </Text>
      {p.count === 0 ? <Text className='hint'>{p.empty}</Text> : null}
      {p.children}
    </View>
  );
}

/**
 * Every nucleic-acid round and vaccination dose the feeds hold (decision 0026) — not only the
 * last 7 days, not only the city's own — each with where it came from, and how recent the data
 * is ("数据截至 …"). Reached from the code page's test block; with `dependentId`, a relative's.
 */
export default function RecordsPage() {
  const { t, locale, pageClass } = usePrefs();
  const dependentId = dependentParam(useRouter().params);
  const [records, setRecords] = useState<HealthRecordsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = new Date();

  useDidShow(() => {
    (dependentId ? fetchDependentHealthRecords(dependentId) : fetchHealthRecords())
      .then((r) => {
        setRecords(r);
        setError(null);
      })
      .catch((err) => setError(failureText(locale, err)));
  });

  const asOf = (at: string | null) => (at ? t('records.asOf', { time: formatChinaRelative(new Date(at), now, locale) }) : t('records.asOf.none'));
  const when = (at: string) => formatChinaRelative(new Date(at), now, locale);

  return (
    <View className={pageClass}>
      <PageHeader title={t('records.title')} subtitle={t(dependentId ? 'records.subtitle.dependent' : 'records.subtitle')} />
      <Message error={error} />
      {records === null ? (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      ) : (
        <View>
          <RecordsSection
            id='records-tests'
            title={t('records.nucleicAcid')}
            count={records.nucleicAcid.results.length}
            asOf={asOf(records.nucleicAcid.asOf)}
            empty={t('records.noResults')}
          >
            {records.nucleicAcid.results.map((r, i) => (
              <View key={`${r.source}-${r.sampledAt}-${i}`} className='card record' data-result={r.result}>
                <View className='record__head'>
                  <Text className={`record__result record__result--${r.result}`}>{t(`records.result.${r.result}` as MessageKey)}</Text>
                  <Text className='record__time'>{t('records.sampledAt', { time: when(r.sampledAt) })}</Text>
                </View>
                <Text className='record__line'>{t('records.institution', { name: r.institution })}</Text>
                <Text className='record__line'>{t('records.lab', { name: r.lab })}</Text>
                <Text className='record__line'>{t('records.reportedAt', { time: when(r.reportedAt) })}</Text>
                <Text className='record__source'>{sourceLine(r, locale)}</Text>
              </View>
            ))}
          </RecordsSection>
          <RecordsSection
            id='records-doses'
            title={t('records.vaccination')}
            count={records.vaccination.doses.length}
            asOf={asOf(records.vaccination.asOf)}
            empty={t('records.noDoses')}
          >
            {records.vaccination.doses.map((v) => (
              <View key={v.dose} className='card record record--dose' data-dose={String(v.dose)}>
                <View className='record__head'>
                  <Text className='record__result'>{t('records.dose', { dose: v.dose })}</Text>
                  <Text className='record__time'>{t('records.doseDate', { date: formatChinaDay(v.date, now, locale) })}</Text>
                </View>
                <Text className='record__line'>{t('records.product', { name: v.product })}</Text>
                <Text className='record__line'>{t('records.site', { name: v.site })}</Text>
                <Text className='record__source'>{sourceLine(v, locale)}</Text>
              </View>
            ))}
          </RecordsSection>
        </View>
      )}
    </View>
  );
}
