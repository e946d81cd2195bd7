import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { QrCode } from '../../../components/QrCode';
import { failureText } from '../../../errorWords';
import { codeStale, nextRefreshMs, secondsLeft } from '../../../placeScreen';
import { usePrefs } from '../../../prefs';
import { pageParam } from '../../../routes';
import { ApiError } from '../../../services/request';
import { fetchRotatingCode, listStaffVenues, type RotatingCode } from '../../../services/venues';
import { keepScreenOn } from '../../../platform/device';

const OFFLINE_RETRY_MS = 5000;
const QR_COLOR = '#1d2129';

/** The QR's edge in px: as large as the window allows, leaving room for the name and countdown. */
function qrEdge(): number {
  try {
    const { windowWidth, windowHeight } = Taro.getSystemInfoSync();
    return Math.max(200, Math.floor(Math.min(windowWidth - 48, windowHeight * 0.62)));
  } catch {
    return 300;
  }
}

/**
 * A place's entrance screen (rotating place codes, for places that opted in): a tablet or
 * phone at the door shows the place's changing QR full screen, its name, and a countdown to
 * the next code. It fetches the code on show and again just after each step ends (at the
 * latest every `refreshAfterSeconds`); a code is still accepted one step past its
 * `expiresAt`, so a short network hiccup does not turn visitors away. A place with a printed
 * poster answers 404: the page says so (`#error`) and stops.
 */
export default function PlaceScreenPage() {
  const { t, locale, pageClass } = usePrefs();
  const venueId = pageParam(useRouter().params, 'venueId');
  const [code, setCode] = useState<RotatingCode | null>(null);
  const [venueName, setVenueName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const [edge] = useState(qrEdge);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const shown = useRef(false);
  /** Numbers each fetch: only the latest one's answer is put on screen. */
  const fetchSeq = useRef(0);

  const schedule = (ms: number) => {
    clearTimeout(timer.current);
    if (shown.current) timer.current = setTimeout(() => void refresh(), ms);
  };

  async function refresh() {
    if (!venueId) return;
    const mine = ++fetchSeq.current;
    try {
      const fresh = await fetchRotatingCode(venueId);
      if (mine !== fetchSeq.current) return;
      setCode(fresh);
      setOffline(false);
      setError(null);
      setNow(new Date());
      schedule(nextRefreshMs(fresh.expiresAt, fresh.refreshAfterSeconds, new Date()));
    } catch (err) {
      if (mine !== fetchSeq.current) return;
      const errCode = err instanceof ApiError ? err.code : 'default';
      if (errCode === 'NETWORK') {
        setOffline(true);
        schedule(OFFLINE_RETRY_MS);
        return;
      }
      // 404: the place uses a printed poster (or is not this account's): nothing to rotate.
      setCode(null);
      setError(err instanceof ApiError && err.status === 404 ? t('placeScreen.poster') : failureText(locale, err));
    }
  }

  useDidShow(() => {
    shown.current = true;
    if (!venueId) {
      setError(t('placeScreen.noVenue'));
      return;
    }
    void refresh();
    listStaffVenues()
      .then((venues) => setVenueName(venues.find((v) => v.id === venueId)?.name ?? null))
      .catch(() => undefined);
    keepScreenOn(); // a screen at the door must not go dark
  });
  useDidHide(() => {
    shown.current = false;
    clearTimeout(timer.current);
  });
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date()), 1000);
    return () => {
      shown.current = false;
      clearInterval(tick);
      clearTimeout(timer.current);
    };
  }, []);

  const stale = code ? codeStale(code.expiresAt, code.refreshAfterSeconds, now) : false;
  const left = code ? secondsLeft(code.expiresAt, now) : 0;

  return (
    <View className={`${pageClass} place-screen`}>
      <PageHeader title={t('placeScreen.title')} />
      <Message error={error ?? (stale ? t('placeScreen.stale') : null)} notice={offline ? t('placeScreen.offline') : null} />
      {venueName ? (
        <Text id='screen-venue' className='place-screen__name'>
          {venueName}
        </Text>
      ) : null}
      {code && !error ? (
        <View id='screen-code' className='place-screen__code' data-url={code.url} data-expires-at={code.expiresAt}>
          <View className='place-screen__qr'>
            <QrCode id='screen-qr' text={code.url} color={QR_COLOR} size={edge} faded={stale} />
          </View>
          <Text id='screen-countdown' className='place-screen__countdown' data-seconds={left}>
            {left > 0 ? t('placeScreen.countdown', { s: left }) : t('placeScreen.refreshing')}
          </Text>
          <Text className='hint place-screen__hint'>{t('placeScreen.hint')}</Text>
        </View>
      ) : !error ? (
        <Text className='hint'>{t('common.loading')}</Text>
      ) : null}
    </View>
  );
}
