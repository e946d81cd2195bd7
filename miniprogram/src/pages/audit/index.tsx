import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { isConversionHistoryReason, isRecordView } from '@yima/shared';
import { byText } from '../../conversionWords';
import { auditReason } from '../../auditReason';
import { actorLabel, sourceLabel } from '../../codeLabels';
import { ColorChip } from '../../components/ColorChip';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { formatChinaDateTime } from '../../format';
import { failureText } from '../../errorWords';
import { usePrefs } from '../../prefs';
import { codePage, dependentParam } from '../../routes';
import { fetchAudit, type AuditEntry } from '../../services/code';
import { fetchDependentAudit } from '../../services/dependents';

/**
 * "Why is my code this colour" (SPEC C4): the resident's own colour history, newest first —
 * when the colour moved (China time), from which colour to which, which source decided, who
 * acted (the resident's declaration, the provincial platform, an authority's operator, the
 * system) and why, and every time a community worker (or an administrator) looked at the
 * record through a grid's dashboard (decision 0019). Reached from the code page; with a
 * `dependentId` parameter, the history of a relative the resident files for (SPEC C5).
 */
export default function AuditPage() {
  const { t, locale, pageClass } = usePrefs();
  const dependentId = dependentParam(useRouter().params);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    (dependentId ? fetchDependentAudit(dependentId) : fetchAudit())
      .then((list) => {
        setEntries(list);
        setError(null);
      })
      .catch((err) => setError(failureText(locale, err)));
  });

  const reasonOf = (e: AuditEntry) => auditReason(e, locale);
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: codePage(dependentId) });
  };

  return (
    <View className={pageClass}>
      <PageHeader title={t('audit.title')} subtitle={t(dependentId ? 'audit.subtitle.dependent' : 'audit.subtitle')} />
      <Message error={error} />
      {entries === null ? (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      ) : entries.length === 0 ? (
        <Text id='audit-empty' className='hint audit-empty'>
          {t('audit.empty')}
        </Text>
      ) : (
        <View id='audit-entries' className='audit-entries'>
          {entries.map((e, i) => (
            <View key={`${e.at}-${i}`} className='card audit-entry' data-from={e.from} data-to={e.to} data-decided-by={e.decidedBy}>
              <Text className='audit-entry__time'>{formatChinaDateTime(new Date(e.at))}</Text>
              {isRecordView(e.reasonCode) ? (
                // Someone looked; nothing changed: the colour they were shown.
                <View className='audit-entry__colors audit-entry__viewed'>
                  <Text className='audit-entry__arrow'>{t('audit.viewedColor')}</Text>
                  <ColorChip color={e.to} className='audit-entry__to' />
                </View>
              ) : (
                <View className='audit-entry__colors'>
                  <ColorChip color={e.from} className='audit-entry__from' />
                  <Text className='audit-entry__arrow'>→</Text>
                  <ColorChip color={e.to} className='audit-entry__to' />
                </View>
              )}
              {reasonOf(e) ? <Text className='audit-entry__reason'>{t('audit.reason', { text: reasonOf(e) })}</Text> : null}
              <Text className='audit-entry__decided-by'>{t('audit.decidedBy', { who: sourceLabel(e.decidedBy, locale) })}</Text>
              <Text className='audit-entry__actor'>
                {/* A conversion decision names its decider by role only (decision 0022). */}
                {t('audit.actor', { who: isConversionHistoryReason(e.reasonCode) ? byText(String(e.params.by ?? ''), locale) : actorLabel(e.actor, locale) })}
              </Text>
            </View>
          ))}
        </View>
      )}
      <Button id='audit-back' className='secondary' onClick={back}>
        {t('audit.back')}
      </Button>
    </View>
  );
}
