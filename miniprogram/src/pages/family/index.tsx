import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { chinaDate } from '@yima/shared';
import { ColorChip } from '../../components/ColorChip';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { confirmAction } from '../../confirm';
import { failureText } from '../../errorWords';
import { usePrefs } from '../../prefs';
import { relationWords } from '../../relationLabels';
import { checkinPage, codePage, FAMILY_ADD_PAGE, FILERS_PAGE } from '../../routes';
import { listDependents, removeDependent, type DependentView } from '../../services/dependents';

/**
 * Family (SPEC C5, 为他人代办): the relatives the resident files for — masked name, relation,
 * today's colour, whether others file for them too or they have their own phone — with their
 * code, a check-in for them, and "stop filing". Also the way to add one, and to see who files
 * for the resident.
 */
export default function FamilyPage() {
  const { t, locale, pageClass } = usePrefs();
  const [dependents, setDependents] = useState<DependentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const fail = (err: unknown) => setError(failureText(locale, err));
  const load = () =>
    listDependents()
      .then((list) => {
        setDependents(list);
        setError(null);
      })
      .catch(fail);

  useDidShow(() => {
    setNotice(null);
    void load();
  });

  async function remove(d: DependentView) {
    if (busyId) return;
    if (!(await confirmAction(t('family.remove'), t('family.remove.confirm', { name: d.name }), t('common.yes'), t('common.no')))) return;
    setBusyId(d.id);
    try {
      await removeDependent(d.id);
      setNotice(t('family.removed'));
      await load();
    } catch (err) {
      fail(err);
    } finally {
      setBusyId(null);
    }
  }

  const open = (url: string) => void Taro.navigateTo({ url });
  const separator = locale === 'zh' ? '、' : ', ';

  return (
    <View className={pageClass}>
      <PageHeader title={t('family.title')} subtitle={t('family.subtitle')} />
      <Message error={error} notice={notice} />
      <Button id='add-dependent' className='primary' onClick={() => open(FAMILY_ADD_PAGE)}>
        {t('family.add')}
      </Button>
      {dependents === null ? (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      ) : dependents.length === 0 ? (
        <Text id='dependents-empty' className='hint family-empty'>
          {t('family.empty')}
        </Text>
      ) : (
        <View id='dependents' className='dependents'>
          {dependents.map((d) => (
            <View key={d.id} className='card dependent-item' data-id={d.id} data-color={d.color}>
              <View className='dependent-item__head'>
                <Text className='dependent-item__name dependent-name'>{d.name}</Text>
                <Text className='dependent-item__relation dependent-relation'>{relationWords(d.relation, d.relationText, locale)}</Text>
                <ColorChip color={d.color} className='dependent-item__color dependent-color' />
              </View>
              <Text className='dependent-item__id dependent-id'>{d.idNumber}</Text>
              {d.alsoFiledBy.length ? (
                <Text className='dependent-item__note dependent-also-filed'>{t('family.alsoFiledBy', { names: d.alsoFiledBy.join(separator) })}</Text>
              ) : null}
              {d.verifiedOwnerSince ? (
                <Text className='dependent-item__note dependent-verified-owner'>
                  {t('family.verifiedOwner', { date: chinaDate(new Date(d.verifiedOwnerSince)) })}
                </Text>
              ) : d.hasOwnAccount ? (
                <Text className='dependent-item__note dependent-own-account'>{t('family.ownAccount')}</Text>
              ) : null}
              <View className='dependent-item__actions'>
                <Button className='secondary dependent-item__action dependent-code' onClick={() => open(codePage(d.id))}>
                  {t('family.showCode')}
                </Button>
                <Button className='secondary dependent-item__action dependent-checkin' onClick={() => open(checkinPage(d.id))}>
                  {t('family.checkin')}
                </Button>
                <Button
                  className='secondary dependent-item__action dependent-item__action--danger dependent-remove'
                  loading={busyId === d.id || undefined}
                  onClick={() => void remove(d)}
                >
                  {t('family.remove')}
                </Button>
              </View>
            </View>
          ))}
        </View>
      )}
      <Text id='my-filers-link' className='link-button family-filers-link' onClick={() => open(FILERS_PAGE)}>
        {t('family.myFilers')} ›
      </Text>
    </View>
  );
}
