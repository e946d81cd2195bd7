import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { normalisePhone, privacyConsentNeeded } from '@yima/shared';
import { Field } from '../../components/Field';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { failureText } from '../../errorWords';
import { errorText } from '../../i18n';
import { usePrefs } from '../../prefs';
import { afterLoginPage, privacyPage } from '../../routes';
import { getMe } from '../../services/me';
import { platformName } from '../../platform/login';
import { loginSimple, loginWithPlatform, loginWithSms, requestSmsCode, type LoginOutcome } from '../../services/auth';
import { ApiError } from '../../services/request';

type Tab = 'sms' | 'simple';

/**
 * Login: SMS code (with a resend countdown), simple login (phone + last 4 of the ID number)
 * for when SMS is jammed, and one-tap WeChat/Alipay login on those platforms. When the BFF
 * says SMS is saturated, the page switches to simple login instead of leaving people waiting.
 */
export default function LoginPage() {
  const { t, locale } = usePrefs();
  const [tab, setTab] = useState<Tab>('sms');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [idLast4, setIdLast4] = useState('');
  const [countdown, setCountdown] = useState(0);
  const [linkTicket, setLinkTicket] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (countdown <= 0) return undefined;
    const timer = setTimeout(() => setCountdown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  function fail(err: unknown) {
    if (!(err instanceof ApiError)) return setError(failureText(locale, err));
    if (err.code === 'SMS_RATE_LIMITED' && err.retryAfterSeconds) setCountdown(err.retryAfterSeconds);
    if (tab === 'sms' && err.alternatives?.includes('simple')) {
      setTab('simple');
      setNotice(t('login.busy'));
    }
    setError(failureText(locale, err));
  }

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  function validPhone(): string | null {
    const normalised = normalisePhone(phone);
    if (!normalised) setError(errorText(locale, 'INVALID_PHONE'));
    return normalised;
  }

  async function proceed(outcome: LoginOutcome) {
    if (outcome.kind === 'linkRequired') {
      setLinkTicket(outcome.linkTicket);
      setTab('sms');
      setNotice(t('login.linkRequired'));
      return;
    }
    const next = outcome.registered ? afterLoginPage() : '/pages/register/index';
    // The privacy notice first, at the first login and whenever its version changed (decision
    // 0024); if the profile cannot be read now, home asks again.
    const me = await getMe().catch(() => null);
    await Taro.reLaunch({ url: me && privacyConsentNeeded(me.privacyAccepted) ? privacyPage(next) : next });
  }

  const getCode = () => {
    const p = validPhone();
    if (p)
      void run(async () => {
        setCountdown(await requestSmsCode(p));
        setNotice(t('login.codeSent'));
      });
  };

  const submit = () => {
    const p = validPhone();
    if (!p) return;
    void run(async () => proceed(tab === 'sms' ? await loginWithSms(p, code.trim(), linkTicket) : await loginSimple(p, idLast4.trim())));
  };

  const platformLogin = () =>
    void run(async () => {
      const outcome = await loginWithPlatform();
      if (outcome) await proceed(outcome);
    });

  return (
    <View className='page'>
      <PageHeader title={t('app.title')} subtitle={t('login.subtitle')} back={false} />
      <View className='card'>
        <View className='tabs'>
          <Text id='tab-sms' className={`tab ${tab === 'sms' ? 'tab--active' : ''}`} onClick={() => setTab('sms')}>
            {t('login.tab.sms')}
          </Text>
          <Text id='tab-simple' className={`tab ${tab === 'simple' ? 'tab--active' : ''}`} onClick={() => setTab('simple')}>
            {t('login.tab.simple')}
          </Text>
        </View>
        <Field id='phone' label={t('login.phone')} value={phone} type='number' maxlength={11} placeholder={t('login.phone.placeholder')} onChange={setPhone} />
        {tab === 'sms' ? (
          <Field
            id='code'
            label={t('login.code')}
            value={code}
            type='number'
            maxlength={6}
            placeholder={t('login.code.placeholder')}
            onChange={setCode}
            extra={
              <Text
                id='get-code'
                className={`link-button ${countdown > 0 || busy ? 'link-button--disabled' : ''}`}
                onClick={countdown > 0 || busy ? undefined : getCode}
              >
                {countdown > 0 ? t('login.resendIn', { s: countdown }) : t('login.getCode')}
              </Text>
            }
          />
        ) : (
          <View>
            <Text className='hint'>{t('login.simple.hint')}</Text>
            <Field
              id='id-last4'
              label={t('login.idLast4')}
              value={idLast4}
              type='idcard'
              maxlength={4}
              placeholder={t('login.idLast4.placeholder')}
              onChange={setIdLast4}
            />
          </View>
        )}
        <Message error={error} notice={notice} />
        <Button id='login-submit' className='primary' loading={busy} disabled={busy} onClick={submit}>
          {t('login.submit')}
        </Button>
        {platformName ? (
          <Button id='platform-login' className='secondary' disabled={busy} onClick={platformLogin}>
            {t(platformName === 'wechat' ? 'login.platform.wechat' : 'login.platform.alipay')}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
