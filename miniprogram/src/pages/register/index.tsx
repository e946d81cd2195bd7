import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { chinaDate, normaliseName, parseIdNumber } from '@yima/shared';
import { Field } from '../../components/Field';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { failureText } from '../../errorWords';
import { PENDING_VERIFICATION_KEY, runVerification, verificationChannel } from '../../platform/realName';
import { usePrefs } from '../../prefs';
import { afterLoginPage } from '../../routes';
import { completeVerification, registerIdentity, startVerification } from '../../services/me';
import { ApiError } from '../../services/request';
import { storage } from '../../services/storage';

/** Real-name registration. The ID number is checked here with the same shared rules the BFF
 * uses, so a typo is caught before a round trip on a slow network. An ID number that already
 * has a record (filed by family, known to the authorities) is claimed by a face verification
 * instead (docs/decisions/0008): the BFF answers 409 VERIFICATION_REQUIRED, and the page
 * offers it. `?verify=1` opens the page for verification straight away (from the code page);
 * `?verification=<id>` is the return from an H5 provider's page. */
export default function RegisterPage() {
  const { t, locale } = usePrefs();
  const params = useRouter().params;
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(params.verify === '1');

  const fail = (err: unknown) => setError(failureText(locale, err));

  /** Back from the provider's page (H5): the BFF asks the provider how it went. */
  useDidShow(() => {
    const pending = params.verification ?? storage.get(PENDING_VERIFICATION_KEY);
    if (!pending) return;
    storage.remove(PENDING_VERIFICATION_KEY);
    setVerifying(true);
    setBusy(true);
    completeVerification(pending)
      .then(() => Taro.reLaunch({ url: afterLoginPage() }))
      .catch(fail)
      .finally(() => setBusy(false));
  });

  function checked(): { name: string; idNumber: string } | null {
    if (!normaliseName(name)) {
      setError(t('register.invalid.name'));
      return null;
    }
    const parsed = parseIdNumber(idNumber, chinaDate(new Date()));
    if (!parsed.ok) {
      setError(t(`register.invalid.${parsed.problem}`));
      return null;
    }
    return { name: name.trim(), idNumber: parsed.idNumber };
  }

  async function submit() {
    const who = checked();
    if (!who) return;
    setBusy(true);
    setError(null);
    try {
      await registerIdentity(who.name, who.idNumber);
      await Taro.reLaunch({ url: afterLoginPage() });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERIFICATION_REQUIRED') setVerifying(true);
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function verify() {
    const who = checked();
    if (!who) return;
    setBusy(true);
    setError(null);
    try {
      const started = await startVerification(who.name, who.idNumber, verificationChannel);
      const run = await runVerification(started, who);
      if (run === 'redirected') return;
      await completeVerification(started.id, run.result);
      await Taro.reLaunch({ url: afterLoginPage() });
    } catch (err) {
      // A user who closed the face check is not an error worth a red line.
      if (err instanceof ApiError) fail(err);
      else setError(t('register.verify.cancelled'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page'>
      <PageHeader title={t('register.title')} back={false} />
      <View className='card'>
        <Text className='hint'>{t('register.hint')}</Text>
        <Field id='reg-name' label={t('register.name')} value={name} maxlength={30} placeholder={t('register.name.placeholder')} onChange={setName} />
        <Field
          id='reg-id'
          label={t('register.idNumber')}
          value={idNumber}
          type='idcard'
          maxlength={18}
          placeholder={t('register.idNumber.placeholder')}
          onChange={setIdNumber}
        />
        <Message error={error} />
        {verifying ? (
          <View id='reg-verification'>
            <Text className='hint'>{t('register.verify.hint')}</Text>
            <Button id='reg-verify' className='primary' loading={busy} disabled={busy} onClick={verify}>
              {t('register.verify.submit')}
            </Button>
          </View>
        ) : (
          <Button id='reg-submit' className='primary' loading={busy} disabled={busy} onClick={submit}>
            {t('register.submit')}
          </Button>
        )}
      </View>
    </View>
  );
}
