import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { privacyConsentNeeded, type CityAnswer, type CodeAnswer, type MeResponse } from '@yima/shared';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { failureText } from '../../errorWords';
import { usePrefs } from '../../prefs';
import type { MessageKey } from '../../i18n/messages';
import { logout } from '../../services/auth';
import { CODE_COLORS } from '../../constants';
import { homeStatus } from '../../homeStatus';
import { cachedCity, fetchCity } from '../../services/city';
import { cachedCode, dropCachedCode, fetchCode } from '../../services/code';
import { getMe } from '../../services/me';
import { LOGIN_PAGE } from '../../services/request';
import { getToken } from '../../services/session';
import { forgetRelativeAddresses } from '../../services/relativeAddresses';
import { forgetStaffVenues, staffVenues } from '../../services/staffVenues';
import {
  CONVERSIONS_INBOX_PAGE,
  GRANTS_PAGE,
  GRID_PAGE,
  HOME_PAGE,
  MARKS_PAGE,
  PLACES_PAGE,
  privacyPage,
  RISK_AREAS_PAGE,
  SCAN_PAGE,
  SCANNER_PAGE,
  STATS_PAGE,
  visitPage,
} from '../../routes';
import { scanPlaceCode } from '../../scanPlace';
import { hasCameraScan } from '../../platform/device';
import { fetchOpsPages, type OpsPages } from '../../services/stats';

/** What the home page opens below the code card (whose large button, `#tile-code`, opens the
 * code page): a page, or the camera for a place's code. Some tiles are only
 * for venue staff (`staffOnly`) or for an operator page the
 * account may open (`opsPage`). */
const TILES: { key: MessageKey; id: string; url?: string; scan?: true; staffOnly?: true; opsPage?: OpsPages['pages'][number] }[] = [
  { key: 'home.checkin', id: 'tile-checkin', url: '/pages/checkin/index' },
  { key: 'home.family', id: 'tile-family', url: '/pages/family/index' },
  { key: 'home.scan', id: 'tile-scan', scan: true },
  { key: 'home.scanner', id: 'tile-scanner', url: SCANNER_PAGE, staffOnly: true },
  { key: 'home.grid', id: 'tile-grid', url: GRID_PAGE, opsPage: 'grid' },
  { key: 'home.stats', id: 'tile-stats', url: STATS_PAGE, opsPage: 'stats' },
  { key: 'home.conversions', id: 'tile-conversions', url: CONVERSIONS_INBOX_PAGE, opsPage: 'conversions' },
  { key: 'home.places', id: 'tile-places', url: PLACES_PAGE, opsPage: 'places' },
  { key: 'home.riskAreas', id: 'tile-riskAreas', url: RISK_AREAS_PAGE, opsPage: 'riskAreas' },
  { key: 'home.marks', id: 'tile-marks', url: MARKS_PAGE, opsPage: 'marks' },
  { key: 'home.grants', id: 'tile-grants', url: GRANTS_PAGE, opsPage: 'grants' },
];

/** Home: under the city's name and issuing authority, the person's colour and a large entry
 * to their code first; then check-in, family, scanning a place, the operator pages the account
 * may open, and the masked identity. Opens login or registration first when the resident has
 * not done those yet. */
export default function HomePage() {
  const { t, locale, elder, toggleElder, pageClass } = usePrefs();
  const [me, setMe] = useState<MeResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isStaff, setIsStaff] = useState(false);
  const [opsPages, setOpsPages] = useState<OpsPages['pages']>([]);
  const [city, setCity] = useState<CityAnswer | null>(cachedCity);
  /** The code as last fetched (the code page then draws it at once), and whether that failed. */
  const [code, setCode] = useState<CodeAnswer | null>(cachedCode);
  const [codeFailed, setCodeFailed] = useState(false);

  useDidShow(() => {
    setNotice(null);
    if (!getToken()) {
      void Taro.reLaunch({ url: LOGIN_PAGE });
      return;
    }
    getMe()
      .then((profile) => {
        // A notice changed since the person accepted one: it comes before anything else.
        if (privacyConsentNeeded(profile.privacyAccepted)) {
          void Taro.reLaunch({ url: privacyPage(HOME_PAGE) });
          return;
        }
        if (!profile.registered) {
          void Taro.reLaunch({ url: '/pages/register/index' });
          return;
        }
        setMe(profile);
        setCodeFailed(false);
        fetchCode().then(setCode, () => setCodeFailed(true));
      })
      .catch((err) => setError(failureText(locale, err)));
    fetchCity().then(setCity, () => undefined);
    // Venue staff also get the scanner (offline too: their places as last loaded); for
    // everyone else the list is empty.
    staffVenues().then(
      ({ venues }) => setIsStaff(venues.length > 0),
      () => undefined,
    );
    // Each operator page the account's roles open (statistics, places, risk areas, marks,
    // grants, the grid dashboard); for everyone else the list is empty.
    fetchOpsPages().then(setOpsPages, () => undefined);
  });

  /** A place's poster: the camera in mini-programs; H5 has none, so a page to type the code. */
  async function scanPlace() {
    if (!hasCameraScan) {
      await Taro.navigateTo({ url: SCAN_PAGE });
      return;
    }
    const outcome = await scanPlaceCode();
    if (outcome.kind === 'place') await Taro.navigateTo({ url: visitPage(outcome.code) });
    else if (outcome.kind === 'other') setNotice(t('scan.notPlace'));
  }

  const signOut = async () => {
    dropCachedCode();
    forgetStaffVenues();
    forgetRelativeAddresses();
    await logout().catch(() => undefined);
    await Taro.reLaunch({ url: LOGIN_PAGE });
  };

  const status = homeStatus(code, codeFailed || error !== null);
  return (
    <View className={pageClass}>
      <PageHeader title={city?.name ?? t('app.title')} subtitle={city?.authority} titleId='city-name' subtitleId='city-authority' back={false} />
      <Text id='elder-toggle' className='link-button' onClick={toggleElder}>
        {t('home.elder')}
        {elder ? ' ✓' : ''}
      </Text>
      <Message error={error} notice={notice} />
      <View id='home-status' className='card home-status' data-status={status.kind} data-color={status.kind === 'color' ? status.color : ''}>
        {me ? (
          <Text id='home-greeting' className='greeting'>
            {t('home.greeting', { name: me.name ?? '' })}
          </Text>
        ) : null}
        <View className='home-status__row'>
          <Text
            id='home-color'
            className='home-status__color'
            style={{ background: status.kind === 'color' ? CODE_COLORS[status.color] : status.kind === 'verify' ? CODE_COLORS.grey : '#c9cdd4' }}
          >
            {status.kind === 'color'
              ? t(`code.color.${status.color}`)
              : status.kind === 'verify'
                ? t('home.status.verify')
                : t(status.kind === 'loading' ? 'home.status.loading' : 'home.status.title')}
          </Text>
        </View>
        {status.kind === 'color' && status.hint ? (
          <Text id='home-status-hint' className='home-status__hint'>
            {t(status.hint)}
          </Text>
        ) : status.kind === 'verify' ? (
          <Text id='home-status-hint' className='home-status__hint'>
            {t('home.status.verifyHint')}
          </Text>
        ) : status.kind === 'unavailable' ? (
          <Text id='home-status-hint' className='home-status__hint'>
            {t('home.status.unavailable')}
          </Text>
        ) : null}
        <Button id='tile-code' className='primary home-status__show' onClick={() => void Taro.navigateTo({ url: '/pages/code/index' })}>
          {t('home.showCode')}
        </Button>
        {status.kind === 'verify' ? (
          <Button id='home-verify' className='secondary' onClick={() => void Taro.navigateTo({ url: '/pages/register/index?verify=1' })}>
            {t('home.verifyNow')}
          </Button>
        ) : null}
      </View>
      <View className='tiles'>
        {TILES.filter((tile) => (!tile.staffOnly || isStaff) && (!tile.opsPage || opsPages.includes(tile.opsPage))).map(({ key, id, url, scan }) => (
          <View key={key} id={id} className='tile' onClick={scan ? () => void scanPlace() : url ? () => void Taro.navigateTo({ url }) : undefined}>
            <Text className='tile__title'>{t(key)}</Text>
            {url || scan ? null : <Text className='tile__soon'>{t('home.soon')}</Text>}
          </View>
        ))}
      </View>
      {me ? (
        <View className='card' id='profile'>
          <View className='profile__row'>
            <Text className='profile__label'>{t('home.name')}</Text>
            <Text id='home-name'>{me.name}</Text>
          </View>
          <View className='profile__row'>
            <Text className='profile__label'>{t('home.idNumber')}</Text>
            <Text id='home-id'>{me.idNumber}</Text>
          </View>
          <View className='profile__row'>
            <Text className='profile__label'>{t('home.phone')}</Text>
            <Text id='home-phone'>{me.phone}</Text>
          </View>
        </View>
      ) : null}
      <Button id='logout' className='secondary' onClick={signOut}>
        {t('home.logout')}
      </Button>
    </View>
  );
}
