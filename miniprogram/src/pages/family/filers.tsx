import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { confirmAction } from '../../confirm';
import { formatChinaDateTime } from '../../format';
import { failureText } from '../../errorWords';
import { usePrefs } from '../../prefs';
import { relationWords } from '../../relationLabels';
import type { MessageKey } from '../../i18n/messages';
import { listFilers, listFilingAttempts, removeFiler, type FilerView, type FilingAttemptView } from '../../services/dependents';

/**
 * Who files for me (SPEC C5): the family members who filed for the resident before they had
 * their own phone (masked names, how they filed them, since when). Now registered, the
 * resident can remove any of them. Below, every attempt anyone made to add them — added,
 * refused or throttled (issue 10: names were guessed unseen) — with masked filer, when and
 * what came of it.
 */
export default function FilersPage() {
  const { t, locale, pageClass } = usePrefs();
  const [filers, setFilers] = useState<FilerView[] | null>(null);
  const [attempts, setAttempts] = useState<FilingAttemptView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const fail = (err: unknown) => setError(failureText(locale, err));
  const load = () =>
    Promise.all([listFilers(), listFilingAttempts()])
      .then(([list, tried]) => {
        setFilers(list);
        setAttempts(tried);
        setError(null);
      })
      .catch(fail);

  useDidShow(() => {
    setNotice(null);
    void load();
  });

  async function remove(f: FilerView) {
    if (busyId) return;
    if (!(await confirmAction(t('filers.remove'), t('filers.remove.confirm', { name: f.name }), t('common.yes'), t('common.no')))) return;
    setBusyId(f.id);
    try {
      await removeFiler(f.id);
      setNotice(t('filers.removed'));
      await load();
    } catch (err) {
      fail(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <View className={pageClass}>
      <PageHeader title={t('filers.title')} subtitle={t('filers.subtitle')} />
      <Message error={error} notice={notice} />
      {filers === null ? (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      ) : filers.length === 0 ? (
        <Text id='filers-empty' className='hint filers-empty'>
          {t('filers.empty')}
        </Text>
      ) : (
        <View id='filers' className='filers'>
          {filers.map((f) => (
            <View key={f.id} className='card filer-item' data-id={f.id}>
              <Text className='filer-item__name filer-name'>{f.name}</Text>
              <Text className='filer-item__meta filer-relation'>{t('filers.relation', { relation: relationWords(f.relation, f.relationText, locale) })}</Text>
              {f.since ? <Text className='filer-item__meta filer-since'>{t('filers.since', { time: formatChinaDateTime(new Date(f.since)) })}</Text> : null}
              <Button className='secondary filer-item__remove filer-remove' loading={busyId === f.id || undefined} onClick={() => void remove(f)}>
                {t('filers.remove')}
              </Button>
            </View>
          ))}
        </View>
      )}
      {attempts === null ? null : (
        <View id='attempts' className='attempts'>
          <Text className='attempts__title'>{t('attempts.title')}</Text>
          <Text className='hint'>{t('attempts.subtitle')}</Text>
          {attempts.length === 0 ? (
            <Text id='attempts-empty' className='hint'>
              {t('attempts.empty')}
            </Text>
          ) : (
            attempts.map((a, i) => (
              <View key={`${a.at}-${i}`} className='card attempt-item' data-outcome={a.outcome}>
                <Text className='filer-item__meta attempt-text'>
                  {t('attempts.item', {
                    filer: a.filer,
                    time: formatChinaDateTime(new Date(a.at)),
                    relation: relationWords(a.relation, a.relationText, locale),
                  })}
                </Text>
                <Text className={`attempt-outcome attempt-outcome--${a.outcome === 'filed' ? 'filed' : 'refused'}`}>
                  {t(`attempts.outcome.${a.outcome}` as MessageKey)}
                </Text>
              </View>
            ))
          )}
        </View>
      )}
    </View>
  );
}
