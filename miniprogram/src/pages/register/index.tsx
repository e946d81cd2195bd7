import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { chinaDate, normaliseName, parseIdNumber } from '@yima/shared';
import { Field } from '../../components/Field';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../i18n';
import { usePrefs } from '../../prefs';
import { afterLoginPage } from '../../routes';
import { registerIdentity } from '../../services/me';
import { ApiError } from '../../services/request';

/** Real-name registration. The ID number is checked here with the same shared rules the BFF
 * uses, so a typo is caught before a round trip on a slow network. */
export default function RegisterPage() {
  const { t, locale } = usePrefs();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!normaliseName(name)) return setError(t('register.invalid.name'));
    const parsed = parseIdNumber(idNumber, chinaDate(new Date()));
    if (!parsed.ok) return setError(t(`register.invalid.${parsed.problem}`));
    setBusy(true);
    setError(null);
    try {
      await registerIdentity(name.trim(), parsed.idNumber);
      await Taro.reLaunch({ url: afterLoginPage() });
    } catch (err) {
      setError(errorText(locale, err instanceof ApiError ? err.code : 'default'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page'>
      <PageHeader title={t('register.title')} />
      <View className='card'>
        <Text className='hint'>{t('register.hint')}</Text>
        <Field id='reg-name' label={t('register.name')} value={name} maxlength={30} placeholder={t('register.name.placeholder')} onChange={setName} />
        <Field id='reg-id' label={t('register.idNumber')} value={idNumber} type='idcard' maxlength={18} placeholder={t('register.idNumber.placeholder')} onChange={setIdNumber} />
        <Message error={error} />
        <Button id='reg-submit' className='primary' loading={busy} disabled={busy} onClick={submit}>{t('register.submit')}</Button>
      </View>
    </View>
  );
}
