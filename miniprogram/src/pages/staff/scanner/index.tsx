import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { chinaDate, normaliseName, parseIdNumber, type Color } from '@yima/shared';
import { Chips } from '../../../components/Chips';
import { Field } from '../../../components/Field';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { CODE_COLORS } from '../../../constants';
import { formatChinaDateTime, formatTime } from '../../../format';
import { errorText } from '../../../i18n';
import type { MessageKey } from '../../../i18n/messages';
import { usePrefs } from '../../../prefs';
import { placeScreenPage } from '../../../routes';
import { ApiError } from '../../../services/request';
import {
  flushScanQueue,
  lookupPerson,
  offlineLists,
  onReconnect,
  queuedScanCount,
  refreshOfflineLists,
  scanCode,
  staffVenues,
  type CodeProblem,
  type ScanOutcome,
  type ScanResult,
} from '../../../services/scans';
import type { VenueSummary } from '../../../services/venues';
import { hasCameraScan } from '../../../platform/device';

/** The result panel: one scan's verdict as the guard sees it. */
interface Shown {
  /** The holder's colour; null when the code itself was refused (expired, forged…). */
  color: Color | null;
  /** Big text: the colour's name, or what is wrong with the code ("已过期"). */
  label: string;
  holder: string;
  allowed: boolean;
  reason: string;
  kind: ScanResult['kind'] | null;
  problem: CodeProblem | null;
  offline: boolean;
  /** Offline: when the lists the check used were made. */
  listsAsOf: string | null;
  at: Date;
}

/**
 * The guard's scanner (SPEC C7), for venue staff: choose the place, scan a resident's code (the
 * camera in mini-programs; pasting the decoded text works everywhere and is the only way in
 * H5), or — for someone without a phone — look them up by ID number and name. The answer is
 * big and plain: colour, allowed or not, masked name, why.
 *
 * Without network the code is checked on the device against the last trust and revocation
 * lists ("离线核验"): the colour sealed in the token, no name. Those scans wait on the device
 * and are uploaded when the network is back (on show, on reconnect, after any answered scan).
 */
export default function ScannerPage() {
  const { t, locale, elder, toggleElder, pageClass } = usePrefs();
  const [venues, setVenues] = useState<VenueSummary[] | null>(null);
  const [venueId, setVenueId] = useState<string | null>(null);
  const [venuesOffline, setVenuesOffline] = useState(false);
  const [qrText, setQrText] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [queued, setQueued] = useState(() => queuedScanCount());
  const mounted = useRef(true);

  const fail = (err: unknown) => setError(errorText(locale, err instanceof ApiError ? err.code : 'default', err instanceof ApiError && err.retryAfterSeconds ? { s: err.retryAfterSeconds } : {}));

  /** Uploads waiting offline scans; says how many went. */
  const flush = () =>
    flushScanQueue()
      .then((r) => {
        if (!mounted.current) return;
        setQueued(r.remaining);
        if (r.sent + r.refused > 0) setNotice(t('scanner.uploaded', { n: r.sent + r.refused }));
      })
      .catch(() => undefined);

  const loadVenues = () =>
    staffVenues()
      .then(({ venues: list, offline }) => {
        setVenues(list);
        setVenuesOffline(offline);
        setVenueId((current) => (current && list.some((v) => v.id === current) ? current : (list[0]?.id ?? null)));
      })
      .catch(fail);

  useDidShow(() => {
    setQueued(queuedScanCount());
    void loadVenues();
    void refreshOfflineLists().then((ok) => ok && void flush());
  });

  /** The latest flush, for the reconnect listener subscribed once for the page's life. */
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(() => {
    mounted.current = true;
    const stop = onReconnect(() => {
      void refreshOfflineLists();
      void flushRef.current();
    });
    return () => {
      mounted.current = false;
      stop();
    };
  }, []);

  const verdict = (color: Color) => t(`scanner.verdict.${color}` as MessageKey);
  const problemLabel = (p: CodeProblem) => t(`scanner.problem.${p}` as MessageKey);
  const problemReason = (p: CodeProblem) => (p === 'NO_TRUST_LIST' ? t('scanner.noTrustList') : errorText(locale, p));

  function online(result: ScanResult, at: Date): Shown {
    return {
      color: result.color,
      label: t(`code.color.${result.color}` as MessageKey),
      holder: result.holder.name,
      allowed: result.allowed,
      // The BFF words its verdict in Chinese; other languages word it by colour.
      reason: locale === 'zh' && result.reason ? result.reason : verdict(result.color),
      kind: result.kind,
      problem: null,
      offline: result.verifiedOffline,
      listsAsOf: null,
      at,
    };
  }

  function fromOutcome(outcome: ScanOutcome, at: Date): Shown {
    if (outcome.type === 'online') return online(outcome.result, at);
    if (outcome.type === 'refused') {
      return { color: null, label: problemLabel(outcome.problem), holder: '', allowed: false, reason: problemReason(outcome.problem), kind: null, problem: outcome.problem, offline: false, listsAsOf: null, at };
    }
    const { check } = outcome;
    const lists = offlineLists();
    const listsAsOf = lists.revocations?.generatedAt ?? lists.trustFetchedAt;
    if (!check.ok) {
      return { color: null, label: problemLabel(check.problem), holder: '', allowed: false, reason: problemReason(check.problem), kind: null, problem: check.problem, offline: true, listsAsOf, at };
    }
    return {
      color: check.color,
      label: t(`code.color.${check.color}` as MessageKey),
      holder: t('scanner.holder.offline'),
      allowed: check.allowed,
      reason: `${verdict(check.color)}${check.tokenKind === 'paper' ? t('scanner.offline.paperNote') : ''}`,
      kind: check.kind,
      problem: null,
      offline: true,
      listsAsOf: check.revocationsAsOf ?? listsAsOf,
      at,
    };
  }

  const reveal = () => void Taro.pageScrollTo({ selector: '#scan-result', duration: 200 }).catch(() => undefined);

  async function submitQr(text: string) {
    if (busy || !venueId) return;
    if (!text.trim()) {
      setError(t('scanner.manual.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    setNotice(null);
    const at = new Date();
    try {
      const outcome = await scanCode(venueId, text, at);
      setShown(fromOutcome(outcome, at));
      setQrText('');
      if (outcome.type === 'offline' && outcome.storeFailed) setError(t('scanner.storeFailed'));
      if (outcome.type === 'offline') setQueued(queuedScanCount());
      else void flush();
      reveal();
    } catch (err) {
      setShown(null);
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function camera() {
    let result: string | undefined;
    try {
      // Only the camera: a screenshot of someone's code from the album is exactly the fraud.
      result = (await Taro.scanCode({ onlyFromCamera: true })).result;
    } catch {
      return; // cancelled
    }
    if (result) await submitQr(result);
  }

  async function lookup() {
    if (busy || !venueId) return;
    const parsed = parseIdNumber(idNumber, chinaDate(new Date()));
    if (!parsed.ok) return setError(t(`register.invalid.${parsed.problem}`));
    if (!normaliseName(name)) return setError(t('register.invalid.name'));
    setBusy(true);
    setError(null);
    setNotice(null);
    const at = new Date();
    try {
      setShown(online(await lookupPerson(venueId, parsed.idNumber, name.trim()), at));
      setIdNumber('');
      setName('');
      void flush();
      reveal();
    } catch (err) {
      setShown(null);
      const code = err instanceof ApiError ? err.code : 'default';
      if (code === 'NOT_FOUND') setError(t('scanner.lookup.notFound'));
      else if (code === 'NETWORK') setError(t('scanner.lookup.offline'));
      else fail(err);
    } finally {
      setBusy(false);
    }
  }

  const kindLabel = (kind: ScanResult['kind']) => t(`scanner.kind.${kind}` as MessageKey);

  return (
    <View className={`${pageClass} scanner`}>
      <PageHeader title={t('scanner.title')} subtitle={t('scanner.subtitle')} />
      <Text id='elder-toggle' className='link-button' onClick={toggleElder}>{t('home.elder')}{elder ? ' ✓' : ''}</Text>
      <Message error={error} notice={notice} />
      {venues === null ? (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      ) : venues.length === 0 ? (
        <Text id='scanner-not-staff' className='message message--error scanner-not-staff'>{t('scanner.notStaff')}</Text>
      ) : (
        <>
          <View className='card'>
            <Text className='field__label'>{t('scanner.venue')}</Text>
            <Chips id='venue' options={venues.map((v) => ({ value: v.id, label: v.name }))} selected={venueId ? [venueId] : []} onToggle={setVenueId} />
            {venuesOffline ? <Text id='scanner-venues-offline' className='hint'>{t('scanner.venuesOffline')}</Text> : null}
            {queued > 0 ? <Text id='scan-queue' className='scanner__queue' data-count={queued}>{t('scanner.queued', { n: queued })}</Text> : null}
            {!hasCameraScan ? null : (
              <Button id='scan-camera' className='primary scanner__camera' disabled={busy} onClick={() => void camera()}>{t('scanner.camera')}</Button>
            )}
            {venueId ? (
              <Button id='open-place-screen' className='secondary' onClick={() => void Taro.navigateTo({ url: placeScreenPage(venueId) })}>{t('scanner.openPlaceScreen')}</Button>
            ) : null}
          </View>

          {shown ? (
            <View
              id='scan-result'
              className={`card scan-result ${shown.allowed ? 'scan-result--allowed' : 'scan-result--denied'}`}
              data-color={shown.color ?? 'invalid'}
              data-allowed={shown.allowed ? 'true' : 'false'}
              data-kind={shown.kind ?? ''}
              data-problem={shown.problem ?? ''}
              data-offline={shown.offline ? 'true' : 'false'}
              style={{ borderColor: shown.color ? CODE_COLORS[shown.color] : '#1d2129' }}
            >
              <Text id='scan-color' className='scan-result__color' style={{ background: shown.color ? CODE_COLORS[shown.color] : '#1d2129' }}>{shown.label}</Text>
              <Text id='scan-allowed' className={`scan-result__allowed ${shown.allowed ? 'scan-result__allowed--yes' : 'scan-result__allowed--no'}`}>
                {t(shown.allowed ? 'scanner.allowed' : 'scanner.denied')}
              </Text>
              {shown.holder ? (
                <Text id='scan-holder' className={`scan-result__holder ${shown.offline ? 'scan-result__holder--unknown' : ''}`}>{shown.holder}</Text>
              ) : null}
              {shown.kind ? <Text id='scan-kind' className='scan-result__meta'>{kindLabel(shown.kind)}</Text> : null}
              <Text id='scan-reason' className='scan-result__reason'>{shown.reason}</Text>
              {shown.offline ? (
                <View id='scan-offline' className='scan-result__offline'>
                  <Text className='scan-result__offline-title'>{t('scanner.offline')}</Text>
                  <Text className='scan-result__meta'>
                    {shown.listsAsOf ? t('scanner.offline.asOf', { time: formatChinaDateTime(new Date(shown.listsAsOf)) }) : t('scanner.offline.noLists')}
                  </Text>
                </View>
              ) : null}
              <Text id='scan-time' className='scan-result__meta'>{t('scanner.at', { time: formatTime(shown.at) })}</Text>
            </View>
          ) : null}

          <View className='card'>
            <Text className='field__label'>{t('scanner.manual')}</Text>
            <Textarea
              id='scan-input'
              className='scanner__textarea'
              value={qrText}
              maxlength={400}
              placeholder={t('scanner.manual.placeholder')}
              onInput={(e) => setQrText(e.detail.value)}
            />
            <Button id='scan-submit' className='primary' loading={busy} disabled={busy} onClick={() => void submitQr(qrText)}>{t('scanner.submit')}</Button>
          </View>

          <View className='card'>
            <Text className='scanner__section'>{t('scanner.lookup')}</Text>
            <Text className='hint'>{t('scanner.lookup.hint')}</Text>
            <Field id='lookup-id' label={t('register.idNumber')} value={idNumber} type='idcard' maxlength={18} placeholder={t('register.idNumber.placeholder')} onChange={setIdNumber} />
            <Field id='lookup-name' label={t('register.name')} value={name} maxlength={30} placeholder={t('register.name.placeholder')} onChange={setName} />
            <Button id='lookup-submit' className='secondary' disabled={busy} onClick={() => void lookup()}>{t('scanner.lookup.submit')}</Button>
          </View>
        </>
      )}
    </View>
  );
}
