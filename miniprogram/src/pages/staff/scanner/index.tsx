import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { chinaDate, normaliseName, normalisePhone, parseIdNumber, type ShiftScans, type UnregisteredVisit } from '@yima/shared';
import { Chips } from '../../../components/Chips';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { failureText } from '../../../errorWords';
import { hasCameraScan } from '../../../platform/device';
import { usePrefs } from '../../../prefs';
import { placeScreenPage } from '../../../routes';
import { ApiError } from '../../../services/request';
import { lookupPerson, offlineLists, recordUnregisteredVisit, scanCode, staffVenues, todaysScans } from '../../../services/scans';
import type { StaffVenue } from '../../../services/venues';
import { LookupForm } from './LookupForm';
import { ManualEntry } from './ManualEntry';
import { ScanResultCard } from './ScanResultCard';
import { ShiftRecord } from './ShiftRecord';
import { scanWords, type Shown } from './shown';
import { UnregisteredForm, type Visitor } from './UnregisteredForm';
import { useScanQueue } from './useScanQueue';

/**
 * The guard's scanner (SPEC C7), for venue staff: choose the place, scan a resident's code (the
 * camera in mini-programs; pasting the decoded text works everywhere and is the only way in
 * H5), or — for someone without a phone — look them up by ID number and name. The answer is
 * big and plain: colour, allowed or not, masked name, why (ScanResultCard).
 *
 * Without network the code is checked on the device against the last trust and revocation
 * lists ("离线核验"): the colour sealed in the token, no name. Those scans wait on the device
 * and are uploaded when the network is back (useScanQueue).
 */
export default function ScannerPage() {
  const { t, locale, elder, toggleElder, pageClass } = usePrefs();
  const [venues, setVenues] = useState<StaffVenue[] | null>(null);
  const [venueId, setVenueId] = useState<string | null>(null);
  const [venuesOffline, setVenuesOffline] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The ID lookup found nobody: what was typed, to prefill the visitor form. */
  const [notFound, setNotFound] = useState<{ idNumber: string; name: string } | null>(null);
  const [visitorForm, setVisitorForm] = useState(false);
  const [recorded, setRecorded] = useState<UnregisteredVisit | null>(null);
  /** What is wrong with the visitor form, said on the form itself. */
  const [formError, setFormError] = useState<string | null>(null);
  const queue = useScanQueue((n) => setNotice(t('scanner.uploaded', { n })));
  const words = scanWords(t, locale);

  const fail = (err: unknown) => setError(failureText(locale, err));

  useDidShow(() => {
    staffVenues()
      .then(({ venues: list, offline }) => {
        setVenues(list);
        setVenuesOffline(offline);
        setVenueId((current) => (current && list.some((v) => v.id === current) ? current : (list[0]?.id ?? null)));
      })
      .catch(fail);
  });

  /** The shift's record of the chosen place; none offline (it is read from the server). */
  const [shift, setShift] = useState<ShiftScans | null>(null);
  const loadShift = useCallback(() => {
    if (!venueId) return;
    todaysScans(venueId).then(setShift, () => setShift(null));
  }, [venueId]);
  useEffect(() => {
    setShift(null);
    loadShift();
  }, [loadShift]);
  /** After a scan: the visit reaches the table from the stream within about a second. */
  const loadShiftSoon = () => setTimeout(loadShift, 1500);

  const scrollTo = (selector: string) => void Taro.pageScrollTo({ selector, duration: 200 }).catch(() => undefined);
  const reveal = () => scrollTo('#scan-result');

  /** Says what is wrong with the form; false, so callers can return it. */
  const refuse = (message: string) => {
    setError(message);
    return false;
  };

  /** Runs one scan or lookup: busy while it lasts, the verdict shown, failures worded. */
  async function attempt(work: (venueId: string, at: Date) => Promise<Shown | null>, onError: (err: unknown) => void = fail): Promise<boolean> {
    if (busy || !venueId) return false;
    setBusy(true);
    setError(null);
    setNotice(null);
    setNotFound(null);
    setRecorded(null);
    try {
      const next = await work(venueId, new Date());
      if (!next) return false;
      setShown(next);
      reveal();
      loadShiftSoon();
      return true;
    } catch (err) {
      setShown(null);
      onError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function submitQr(text: string): Promise<boolean> {
    if (busy || !venueId) return false;
    if (!text.trim()) return refuse(t('scanner.manual.empty'));
    return attempt(async (venue, at) => {
      const outcome = await scanCode(venue, text, at);
      if (outcome.type !== 'offline') {
        void queue.flush();
        return words.fromOutcome(outcome, at, null);
      }
      if (outcome.storeFailed) setError(t('scanner.storeFailed'));
      queue.recount();
      const lists = offlineLists();
      return words.fromOutcome(outcome, at, lists.revocations?.generatedAt ?? lists.trustFetchedAt);
    });
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

  async function lookup(idNumber: string, name: string): Promise<boolean> {
    if (busy || !venueId) return false;
    const parsed = parseIdNumber(idNumber, chinaDate(new Date()));
    if (!parsed.ok) return refuse(t(`register.invalid.${parsed.problem}`));
    if (!normaliseName(name)) return refuse(t('register.invalid.name'));
    const lookupFailed = (err: unknown) => {
      const code = err instanceof ApiError ? err.code : 'default';
      if (code === 'NOT_FOUND') {
        // Said beside the lookup the guard is looking at, with the form to record them.
        setNotFound({ idNumber: parsed.idNumber, name: name.trim() });
        setVisitorForm(true);
        setTimeout(() => scrollTo('#lookup-not-found'), 50);
      } else if (code === 'NETWORK') setError(t('scanner.lookup.offline'));
      else fail(err);
    };
    return attempt(async (venue, at) => {
      const result = words.online(await lookupPerson(venue, parsed.idNumber, name.trim()), at);
      void queue.flush();
      return result;
    }, lookupFailed);
  }

  /** Records someone not registered (decision 0025); the confirmation is shown masked. */
  async function record(visitor: Visitor): Promise<boolean> {
    if (busy || !venueId) return false;
    const refuseHere = (message: string) => {
      setFormError(message);
      return false;
    };
    const parsed = parseIdNumber(visitor.idNumber, chinaDate(new Date()));
    if (!normaliseName(visitor.name)) return refuseHere(t('register.invalid.name'));
    if (!parsed.ok) return refuseHere(t(`register.invalid.${parsed.problem}`));
    const phone = normalisePhone(visitor.phone);
    if (!phone) return refuseHere(t('scanner.unregistered.invalidPhone'));
    setBusy(true);
    setFormError(null);
    setRecorded(null);
    try {
      const done = await recordUnregisteredVisit(venueId, {
        name: visitor.name.trim(),
        idNumber: parsed.idNumber,
        phone,
        ...(visitor.note.trim() ? { note: visitor.note.trim() } : {}),
      });
      setRecorded(done);
      loadShift();
      setNotFound(null);
      setShown(null);
      setTimeout(() => scrollTo('#unregistered-result'), 50);
      return true;
    } catch (err) {
      setFormError(failureText(locale, err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`${pageClass} scanner`}>
      <PageHeader title={t('scanner.title')} subtitle={t('scanner.subtitle')} />
      <Text id='elder-toggle' className='link-button' onClick={toggleElder}>
        {t('home.elder')}
        {elder ? ' ✓' : ''}
      </Text>
      <Message error={error} notice={notice} />
      {venues === null ? (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      ) : venues.length === 0 ? (
        <Text id='scanner-not-staff' className='message message--error scanner-not-staff'>
          {t('scanner.notStaff')}
        </Text>
      ) : (
        <>
          <View className='card'>
            <Text className='field__label'>{t('scanner.venue')}</Text>
            <Chips id='venue' options={venues.map((v) => ({ value: v.id, label: v.name }))} selected={venueId ? [venueId] : []} onToggle={setVenueId} />
            {venuesOffline ? (
              <Text id='scanner-venues-offline' className='hint'>
                {t('scanner.venuesOffline')}
              </Text>
            ) : null}
            {queue.queued > 0 ? (
              <Text id='scan-queue' className='scanner__queue' data-count={queue.queued}>
                {t('scanner.queued', { n: queue.queued })}
              </Text>
            ) : null}
            {hasCameraScan ? (
              <Button id='scan-camera' className='primary scanner__camera' disabled={busy} onClick={() => void camera()}>
                {t('scanner.camera')}
              </Button>
            ) : null}
            {/* Only a place with a rotating code has a screen to open (a printed poster has none). */}
            {venueId && venues.find((v) => v.id === venueId)?.rotating === true ? (
              <Button id='open-place-screen' className='secondary' onClick={() => void Taro.navigateTo({ url: placeScreenPage(venueId) })}>
                {t('scanner.openPlaceScreen')}
              </Button>
            ) : null}
          </View>
          {shown ? <ScanResultCard shown={shown} /> : null}
          <ManualEntry busy={busy} onSubmit={submitQr} />
          <LookupForm busy={busy} notFound={notFound !== null} onLookup={lookup} onRecordInstead={visitorForm ? undefined : () => setVisitorForm(true)} />
          {visitorForm ? <UnregisteredForm busy={busy} prefill={notFound} recorded={recorded} error={formError} onRecord={record} /> : null}
          <ShiftRecord shift={shift} onRefresh={loadShift} />
        </>
      )}
    </View>
  );
}
