import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { chinaDate, normaliseName, parseIdNumber, RELATIONS, type Relation } from '@yima/shared';
import { Chips } from '../../components/Chips';
import { Field } from '../../components/Field';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { failureText } from '../../errorWords';
import { errorText } from '../../i18n';
import { usePrefs } from '../../prefs';
import { FAMILY_PAGE } from '../../routes';
import { addDependent } from '../../services/dependents';
import { ApiError } from '../../services/request';

const RELATION_TEXT_MAX = 20;

/**
 * Add a relative (SPEC C5, 新增家属): their name and ID number as on their card, how they are
 * related, and the filer's declaration that they are the guardian or have consent. The name
 * and ID number are checked here with the BFF's own shared rules; everything the BFF refuses
 * (already filed, over the limit, has their own phone, name differs, yourself) is said plainly.
 */
export default function FamilyAddPage() {
  const { t, locale, pageClass } = usePrefs();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [relation, setRelation] = useState<Relation | null>(null);
  const [relationText, setRelationText] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!normaliseName(name)) return setError(t('register.invalid.name'));
    const parsed = parseIdNumber(idNumber, chinaDate(new Date()));
    if (!parsed.ok) return setError(t(`register.invalid.${parsed.problem}`));
    if (!relation) return setError(t('family.add.invalid.relation'));
    const ownWords = relationText.trim();
    if (relation === 'other' && (!ownWords || ownWords.length > RELATION_TEXT_MAX)) return setError(t('family.add.invalid.relationText'));
    if (!consent) return setError(errorText(locale, 'CONSENT_REQUIRED'));
    setBusy(true);
    setError(null);
    try {
      await addDependent({
        name: name.trim(),
        idNumber: parsed.idNumber,
        relation,
        ...(relation === 'other' ? { relationText: ownWords } : {}),
        consent: true,
      });
      void Taro.showToast({ title: t('family.add.done'), icon: 'success' }).catch(() => undefined);
      // Back to the list (it reloads on show), or open it when this page was opened directly.
      if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
      else await Taro.redirectTo({ url: FAMILY_PAGE });
    } catch (err) {
      // Throttled for up to a day (issue 10): "try again in 86400 s" would help nobody.
      if (err instanceof ApiError && err.code === 'TOO_MANY_ATTEMPTS') setError(t('family.add.tooMany'));
      else setError(failureText(locale, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={pageClass}>
      <PageHeader title={t('family.add.title')} />
      <View className='card'>
        <Text className='hint'>{t('family.add.hint')}</Text>
        <Field id='dep-name' label={t('register.name')} value={name} maxlength={30} placeholder={t('register.name.placeholder')} onChange={setName} />
        <Field
          id='dep-id'
          label={t('register.idNumber')}
          value={idNumber}
          type='idcard'
          maxlength={18}
          placeholder={t('register.idNumber.placeholder')}
          onChange={setIdNumber}
        />

        <Text className='field__label'>{t('family.add.relation')}</Text>
        <Chips
          id='relation'
          options={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))}
          selected={relation ? [relation] : []}
          onToggle={(v) => setRelation(v as Relation)}
        />
        {relation === 'other' ? (
          <Field
            id='dep-relation-text'
            label={t('family.add.relationText')}
            value={relationText}
            maxlength={RELATION_TEXT_MAX}
            placeholder={t('family.add.relationText.placeholder')}
            onChange={setRelationText}
          />
        ) : null}

        <View
          id='dep-consent'
          className={`consent ${consent ? 'consent--on' : ''}`}
          aria-checked={consent}
          data-checked={consent ? 'true' : 'false'}
          onClick={() => setConsent(!consent)}
        >
          <Text className='consent__box'>{consent ? '✓' : ''}</Text>
          <Text className='consent__text'>{t('family.add.consent')}</Text>
        </View>

        <Message error={error} />
        <Button id='dep-submit' className='primary' loading={busy} disabled={busy} onClick={submit}>
          {t('family.add.submit')}
        </Button>
      </View>
    </View>
  );
}
