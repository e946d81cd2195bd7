import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { REASON_CODES, reasonText, type ReasonCode } from '@yima/shared';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { QrCode } from '../../components/QrCode';
import { CODE_COLORS } from '../../constants';
import { formatDateTime, formatTime } from '../../format';
import { errorText } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { usePrefs } from '../../prefs';
import { cachedCode, fetchCode, type CodeAnswer, type CodeReason } from '../../services/code';
import { ApiError } from '../../services/request';

const OFFLINE_RETRY_SECONDS = 10;

/**
 * The code page (SPEC C3): the QR in the merged colour, who holds it (masked), a ticking
 * clock so a screenshot is visibly stale, why the colour is what it is and what to do.
 * Draws the last code at once, refreshes before the token expires, and says plainly when
 * it is offline or the code has expired.
 */
export default function CodePage() {
  const { t, locale, elder, toggleElder, pageClass } = usePrefs();
  const [code, setCode] = useState<CodeAnswer | null>(cachedCode);
  const [offline, setOffline] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>();

  const schedule = (seconds: number) => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void refresh(), seconds * 1000);
  };

  async function refresh() {
    try {
      const fresh = await fetchCode();
      setCode(fresh);
      setOffline(false);
      setError(null);
      schedule(fresh.refreshAfterSeconds);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NETWORK') {
        setOffline(true);
        schedule(OFFLINE_RETRY_SECONDS);
      } else {
        setError(errorText(locale, err instanceof ApiError ? err.code : 'default'));
      }
    }
  }

  useDidShow(() => void refresh());
  useDidHide(() => clearTimeout(refreshTimer.current));
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 1000);
    return () => {
      clearInterval(tick);
      clearTimeout(refreshTimer.current);
    };
  }, []);

  const expired = code ? Date.parse(code.expiresAt) <= now.getTime() : false;
  const describe = (r: CodeReason) =>
    (REASON_CODES as readonly string[]).includes(r.reasonCode) ? reasonText(r.reasonCode as ReasonCode, locale) : { text: r.reason, guidance: r.guidance };
  const setByLabel = (who: string) => (who === 'self-declaration' ? t('code.setBy.self-declaration') : who);
  const shownReasons = code ? (elder ? code.reasons.slice(0, 1) : code.reasons) : [];

  return (
    <View className={pageClass}>
      <PageHeader title={t('code.title')} />
      <Text id='elder-toggle' className='link-button' onClick={toggleElder}>{t('home.elder')}{elder ? ' ✓' : ''}</Text>
      <Message error={error} notice={offline && code ? t('code.offline', { time: formatTime(new Date(code.generatedAt)) }) : null} />
      {code ? (
        <View className='card code' id='code-card' data-color={code.color}>
          <Text id='holder-name' className='code__holder'>{code.holder.name}</Text>
          {elder ? null : <Text id='holder-id' className='code__id'>{code.holder.idNumber}</Text>}
          <Text id='code-color' className='code__color' style={{ background: CODE_COLORS[code.color] }}>{t(`code.color.${code.color}` as MessageKey)}</Text>
          <View className='code__qr'>
            <QrCode text={code.qr} color={CODE_COLORS[code.color]} size={elder ? 300 : 260} faded={expired} />
          </View>
          {expired ? <Text id='expired' className='message message--error'>{t('code.expired')}</Text> : null}
          <Text id='clock' className='code__clock'>{formatDateTime(now)}</Text>
          <Text className='code__generated'>{t('code.generatedAt', { time: formatTime(new Date(code.generatedAt)) })}</Text>
          {shownReasons.length ? (
            <View id='reasons' className='reasons'>
              <Text className='reasons__title'>{t('code.why')}</Text>
              {shownReasons.map((r) => {
                const { text, guidance } = describe(r);
                return (
                  <View key={`${r.source}-${r.reasonCode}`} className='reason'>
                    <Text className='reason__text'>{text}</Text>
                    {elder ? null : <Text className='reason__meta'>{t('code.setBy', { who: setByLabel(r.setBy) })}{r.effectiveAt ? ` · ${formatDateTime(new Date(r.effectiveAt))}` : ''}</Text>}
                    <Text className='reason__todo'>{t('code.todo', { text: guidance })}</Text>
                  </View>
                );
              })}
            </View>
          ) : null}
          <Text className='code__checkin'>{code.checkin.lastAt ? t('code.lastCheckin', { time: formatDateTime(new Date(code.checkin.lastAt)) }) : t('code.noCheckin')}</Text>
          {code.checkin.due ? (
            <Button id='checkin-now' className='primary' onClick={() => void Taro.navigateTo({ url: '/pages/checkin/index' })}>{t('code.checkinNow')}</Button>
          ) : null}
        </View>
      ) : (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      )}
      {offline ? <Button id='refresh' className='secondary' onClick={() => void refresh()}>{t('code.refresh')}</Button> : null}
    </View>
  );
}
