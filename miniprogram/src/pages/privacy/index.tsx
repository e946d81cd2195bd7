import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PRIVACY_NOTICE_VERSION } from '@yima/shared';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { usePageMessages } from '../../components/usePageMessages';
import type { MessageKey } from '../../i18n/messages';
import { usePrefs } from '../../prefs';
import { afterPrivacyPage } from '../../routes';
import { logout } from '../../services/auth';
import { acceptPrivacy } from '../../services/me';
import { LOGIN_PAGE } from '../../services/request';

const SECTIONS = ['what', 'why', 'keep', 'who', 'rights'] as const;

/**
 * The privacy notice (PIPL art. 13(4), 17, 28; docs/decisions/0024): shown after the first
 * login, and again whenever its version changes, before anything else. Agreeing records the
 * version (`PUT /api/me/privacy-consent`) and goes on to where the person was going; not
 * agreeing logs out — nothing is collected without it.
 */
export default function PrivacyPage() {
  const { t, pageClass } = usePrefs();
  const { params } = useRouter();
  const { error, notice, fail, say } = usePageMessages();
  const [busy, setBusy] = useState(false);

  async function accept() {
    setBusy(true);
    try {
      await acceptPrivacy(PRIVACY_NOTICE_VERSION);
      await Taro.reLaunch({ url: afterPrivacyPage(params) });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function decline() {
    say(t('privacy.declined'));
    await logout().catch(() => undefined);
    setTimeout(() => void Taro.reLaunch({ url: LOGIN_PAGE }), 2500);
  }

  return (
    <View className={pageClass} id='privacy-page' data-version={PRIVACY_NOTICE_VERSION}>
      <PageHeader title={t('privacy.title')} subtitle={t('privacy.subtitle')} back={false} />
      <Message error={error} notice={notice} />
      <View className='card privacy'>
        {SECTIONS.map((s) => (
          <View key={s} id={`privacy-${s}`} className='privacy__section'>
            <Text className='privacy__heading'>{t(`privacy.${s}.title` as MessageKey)}</Text>
            <Text className='privacy__body'>{t(`privacy.${s}.body` as MessageKey)}</Text>
          </View>
        ))}
        <Text className='hint'>{t('privacy.version', { version: PRIVACY_NOTICE_VERSION })}</Text>
      </View>
      <Button id='privacy-accept' className='primary' loading={busy} disabled={busy} onClick={() => void accept()}>
        {t('privacy.accept')}
      </Button>
      <Button id='privacy-decline' className='secondary' disabled={busy} onClick={() => void decline()}>
        {t('privacy.decline')}
      </Button>
    </View>
  );
}
