import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { CodeReasonItem } from '../../components/CodeReasonItem';
import { CodeSources } from '../../components/CodeSources';
import { HealthSummary } from '../../components/HealthSummary';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { QrCode } from '../../components/QrCode';
import { sourceLabel } from '../../codeLabels';
import { CODE_COLORS } from '../../constants';
import { formatDateTime, formatTime } from '../../format';
import { heldOutlook, heldOutlookLine } from '../../heldOutlook';
import { handlerText, statusText } from '../../conversionWords';
import { failureText } from '../../errorWords';
import type { MessageKey } from '../../i18n/messages';
import { usePrefs } from '../../prefs';
import { filedByWords } from '../../relationLabels';
import { auditPage, checkinPage, conversionPage, dependentParam, paperPage } from '../../routes';
import { createChangeWatcher } from '../../services/changeWatcher';
import { cachedCode, codeDegradedAsOf, fetchCode, waitForCodeChange, type CodeAnswer } from '../../services/code';
import { fetchDependentCode, type DependentCodeAnswer } from '../../services/dependents';
import { ApiError } from '../../services/request';

const OFFLINE_RETRY_SECONDS = 10;

/**
 * The code page (SPEC C3, C4): the QR in the merged colour, who holds it (masked), a ticking
 * clock so a screenshot is visibly stale, which source decided the colour, how fresh each
 * source is, why the colour is what it is and what to do (for an authority mark: who set it,
 * on what legal basis, who can lift it, the hotline), and a way to the colour history.
 * Draws the last code at once, refreshes before the token expires, and says plainly when
 * it is offline or the code has expired. While shown it also long-polls for changes, so a
 * new provincial state or mark shows within a second. A colour the resident declared and is
 * still held (issue 12) says when it turns green if they keep checking in (`#held-until`), and
 * offers 申请转码 when the BFF says a request may be filed, and shows where the latest one stands.
 *
 * With a `dependentId` parameter it shows the code of a relative the resident files for
 * (SPEC C5): the same things plus who filed it (`#filed-by`), refreshed on its own schedule
 * (no long poll, no cache), and its check-in, history and paper-code links are the relative's.
 */
export default function CodePage() {
  const { t, locale, elder, toggleElder, pageClass } = usePrefs();
  const dependentId = dependentParam(useRouter().params);
  const [code, setCode] = useState<CodeAnswer | DependentCodeAnswer | null>(() => (dependentId ? null : cachedCode()));
  const [offline, setOffline] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>();
  const shown = useRef(false);
  /** Numbers each fetch: only the answer of the latest one is put on screen. */
  const fetchSeq = useRef(0);
  /** The version of the code fetched since the page was last shown (null before that): what
   * the change poll waits on, so a code cached from an earlier visit is never polled on. */
  const liveVersion = useRef<number | null>(null);
  const refreshRef = useRef<() => Promise<void>>(async () => undefined);
  const [watcher] = useState(() =>
    createChangeWatcher({
      version: () => liveVersion.current,
      wait: waitForCodeChange,
      refetch: () => refreshRef.current(),
      idleMs: 500,
    }),
  );

  const schedule = (seconds: number) => {
    clearTimeout(refreshTimer.current);
    if (shown.current) refreshTimer.current = setTimeout(() => void refresh(), seconds * 1000);
  };

  async function refresh() {
    const mine = ++fetchSeq.current;
    try {
      const fresh = dependentId ? await fetchDependentCode(dependentId) : await fetchCode();
      if (mine !== fetchSeq.current) return;
      if (shown.current && !dependentId) liveVersion.current = typeof fresh.version === 'number' ? fresh.version : null;
      setCode(fresh);
      setOffline(false);
      setError(null);
      schedule(fresh.refreshAfterSeconds);
    } catch (err) {
      if (mine !== fetchSeq.current) return;
      if (err instanceof ApiError && err.code === 'NETWORK') {
        setOffline(true);
        schedule(OFFLINE_RETRY_SECONDS);
      } else {
        setError(failureText(locale, err));
      }
    }
  }
  refreshRef.current = refresh;

  useDidShow(() => {
    shown.current = true;
    liveVersion.current = null;
    void refresh();
    // A relative's code has no change feed: it refreshes on schedule only.
    if (!dependentId) watcher.start();
  });
  useDidHide(() => {
    shown.current = false;
    clearTimeout(refreshTimer.current);
    watcher.stop();
  });
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 1000);
    return () => {
      shown.current = false;
      clearInterval(tick);
      clearTimeout(refreshTimer.current);
      watcher.stop();
    };
  }, [watcher]);

  const expired = code ? Date.parse(code.expiresAt) <= now.getTime() : false;
  const shownReasons = code ? (elder ? code.reasons.slice(0, 1) : code.reasons) : [];
  const filedBy = code && 'filedBy' in code && code.filedBy ? code.filedBy : null;
  const held = code ? heldOutlook(code) : null;

  useEffect(() => {
    if (dependentId) void Taro.setNavigationBarTitle({ title: t('code.title.dependent') }).catch(() => undefined);
  }, [dependentId, t]);

  /** The BFF answered without its database (decision 0027): say how old the risk areas are. */
  function degradedNotice(): string | null {
    const asOf = codeDegradedAsOf();
    return asOf ? t('code.degraded', { time: formatTime(asOf) }) : null;
  }

  return (
    <View className={pageClass}>
      <PageHeader title={t(dependentId ? 'code.title.dependent' : 'code.title')} />
      <Text id='elder-toggle' className='link-button' onClick={toggleElder}>
        {t('home.elder')}
        {elder ? ' ✓' : ''}
      </Text>
      <Message error={error} notice={offline && code ? t('code.offline', { time: formatTime(new Date(code.generatedAt)) }) : degradedNotice()} />
      {code ? (
        <View className='card code' id='code-card' data-color={code.color} data-dependent-id={dependentId ?? ''}>
          <Text id='holder-name' className='code__holder'>
            {code.holder.name}
          </Text>
          {filedBy ? (
            <Text id='filed-by' className='code__filed-by'>
              {filedByWords(filedBy, locale)}
            </Text>
          ) : null}
          {elder ? null : (
            <Text id='holder-id' className='code__id'>
              {code.holder.idNumber}
            </Text>
          )}
          <Text id='code-color' className='code__color' style={{ background: CODE_COLORS[code.color] }}>
            {t(`code.color.${code.color}` as MessageKey)}
          </Text>
          {held ? (
            <Text id='held-until' className='code__held' data-green-on={held.greenOn}>
              {heldOutlookLine(held, now, locale)}
            </Text>
          ) : null}
          <View className='code__qr'>
            <QrCode text={code.qr} color={CODE_COLORS[code.color]} size={elder ? 300 : 260} faded={expired} />
          </View>
          {expired ? (
            <Text id='expired' className='message message--error'>
              {t('code.expired')}
            </Text>
          ) : null}
          <Text id='clock' className='code__clock'>
            {formatDateTime(now)}
          </Text>
          <Text className='code__generated'>{t('code.generatedAt', { time: formatTime(new Date(code.generatedAt)) })}</Text>
          <Text id='code-decided-by' className='code__decided code-decided-by' data-decided-by={code.decidedBy ?? ''}>
            {t('code.decidedBy', { who: sourceLabel(code.decidedBy, locale) })}
          </Text>
          {shownReasons.length ? (
            <View id='reasons' className='reasons'>
              <Text className='reasons__title'>{t('code.why')}</Text>
              {shownReasons.map((r, i) => (
                <CodeReasonItem key={`${r.source}-${r.reasonCode}-${i}`} reason={r} />
              ))}
            </View>
          ) : null}
          <CodeSources sources={code.sources ?? []} now={now} />
          {code.verificationRequired ? null : <HealthSummary code={code} dependentId={dependentId} now={now} />}
          <Text className='code__checkin'>
            {code.checkin.lastAt ? t('code.lastCheckin', { time: formatDateTime(new Date(code.checkin.lastAt)) }) : t('code.noCheckin')}
          </Text>
          {code.verificationRequired ? (
            <Button id='verify-now' className='primary' onClick={() => void Taro.navigateTo({ url: '/pages/register/index?verify=1' })}>
              {t('code.verifyNow')}
            </Button>
          ) : null}
          {code.conversion?.latest ? (
            // The latest request: where it stands and who has it; the page lists them all.
            <View
              id='conversion-latest'
              className='card conversion-latest'
              data-status={code.conversion.latest.status}
              onClick={() => void Taro.navigateTo({ url: conversionPage(dependentId) })}
            >
              <Text className='conversion-latest__status'>{t('code.conversion.latest', { status: statusText(code.conversion.latest, locale) })}</Text>
              <Text className='hint conversion-latest__handler'>{handlerText(code.conversion.latest, locale)}</Text>
            </View>
          ) : null}
          {code.conversion?.requestable ? (
            <Button id='request-conversion' className='secondary' onClick={() => void Taro.navigateTo({ url: conversionPage(dependentId) })}>
              {t('code.held.requestConversion')}
            </Button>
          ) : null}
          {code.checkin.due ? (
            <Button id='checkin-now' className='primary' onClick={() => void Taro.navigateTo({ url: checkinPage(dependentId, true) })}>
              {t('code.checkinNow')}
            </Button>
          ) : null}
          <Button id='code-why-link' className='secondary code-why-link' onClick={() => void Taro.navigateTo({ url: auditPage(dependentId) })}>
            {t(dependentId ? 'code.whyLink.dependent' : 'code.whyLink')}
          </Button>
          <Button id='paper-code-button' className='secondary code-paper-link' onClick={() => void Taro.navigateTo({ url: paperPage(dependentId) })}>
            {t('code.paperCode')}
          </Button>
        </View>
      ) : (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      )}
      {offline ? (
        <Button id='refresh' className='secondary' onClick={() => void refresh()}>
          {t('code.refresh')}
        </Button>
      ) : null}
    </View>
  );
}
