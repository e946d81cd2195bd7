import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Chips } from '../../components/Chips';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { CODE_COLORS } from '../../constants';
import { formatChinaRelative, formatDateTime, formatTime } from '../../format';
import { failureText } from '../../errorWords';
import { errorText } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { placeCodeParam } from '../../placeCode';
import { usePrefs } from '../../prefs';
import { codePage, HOME_PAGE, rememberPendingPlace } from '../../routes';
import { listDependents, type DependentView } from '../../services/dependents';
import { ApiError, LOGIN_PAGE } from '../../services/request';
import { getToken } from '../../services/session';
import { fetchPlace, quickLocation, visitPlace, type Place, type VisitAnswer, type VisitBody } from '../../services/venues';
import { newIdempotencyKey, outcomeUnknown } from '../../services/idempotency';

const SELF = 'self';

/**
 * Checking in at a place (SPEC C6, 场所码): where a poster's QR (`…/#/pages/visit/index?p=<code>`)
 * and the in-app scan land. Names the place, lets the resident say who is visiting — themself
 * or a relative they file for — records the visit, and then shows a full-screen pass for the
 * guard: place, a ticking China-time clock (a screenshot is visibly stale), the colour and the
 * masked name. The location is sent only if the device gives it at once; the visit never
 * waits for it. A logged-out resident is brought back here after logging in.
 */
export default function VisitPage() {
  const { t, locale, elder, toggleElder, toggleLocale, pageClass } = usePrefs();
  const { params } = useRouter();
  const [placeCode] = useState(() => placeCodeParam(params));
  const [place, setPlace] = useState<Place | null>(null);
  const [dependents, setDependents] = useState<DependentView[]>([]);
  const [who, setWho] = useState(SELF);
  const [busy, setBusy] = useState(false);
  /** The last visit whose outcome is unknown (no answer): a new tap retries it (decision 0028). */
  const unsure = useRef<{ placeId: string; who: string; key: string; body: VisitBody } | null>(null);
  const [error, setError] = useState<string | null>(() => (placeCode ? null : t('visit.noCode')));
  const [needsRegistration, setNeedsRegistration] = useState(false);
  const [answer, setAnswer] = useState<VisitAnswer | null>(null);
  const [now, setNow] = useState(() => new Date());
  const loggedIn = getToken() !== null;

  useLoad(() => {
    if (!placeCode) return;
    fetchPlace(placeCode)
      .then((p) => {
        setPlace(p);
        if (!p.active) setError(errorText(locale, 'VENUE_INACTIVE'));
      })
      .catch((err) => setError(err instanceof ApiError && err.code === 'NOT_FOUND' ? t('visit.unknown') : failureText(locale, err)));
    // Relatives are optional: without them the resident checks in for themself.
    if (loggedIn) listDependents().then(setDependents, () => setDependents([]));
  });

  useEffect(() => {
    if (!answer) return;
    setNow(new Date());
    const tick = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(tick);
  }, [answer]);

  async function submit() {
    if (!place || busy) return;
    if (!loggedIn) {
      rememberPendingPlace(placeCode);
      await Taro.reLaunch({ url: LOGIN_PAGE });
      return;
    }
    setBusy(true);
    setError(null);
    setNeedsRegistration(false);
    try {
      // A tap after a failure whose outcome is unknown retries that same visit (same key, same
      // body), so it is recorded at most once; any other tap is a visit of its own.
      const again = unsure.current?.placeId === place.id && unsure.current.who === who ? unsure.current : null;
      const location = again ? undefined : await quickLocation();
      const attempt = again ?? {
        placeId: place.id,
        who,
        key: newIdempotencyKey(),
        body: { ...(who === SELF ? {} : { dependentId: who }), ...(location ? { location } : {}) },
      };
      unsure.current = attempt;
      try {
        setAnswer(await visitPlace(place.id, attempt.body, attempt.key));
        unsure.current = null;
      } catch (err) {
        if (!outcomeUnknown(err)) unsure.current = null;
        throw err;
      }
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'default';
      if (code === 'NOT_FOUND') setError(t(who === SELF ? 'visit.unknown' : 'visit.dependentGone'));
      else setError(failureText(locale, err));
      if (code === 'REGISTRATION_REQUIRED') setNeedsRegistration(true);
      if (code === 'VENUE_INACTIVE') setPlace({ ...place, active: false });
    } finally {
      setBusy(false);
    }
  }

  const register = () => {
    rememberPendingPlace(placeCode);
    void Taro.navigateTo({ url: '/pages/register/index' });
  };

  if (answer) {
    const { pass } = answer;
    // Yellow or red: the page says plainly not to go in, and where to find out why and whom
    // to call (the code page: its reasons, the hotline, a conversion request).
    const stop = pass.color === 'yellow' || pass.color === 'red';
    return (
      <View className={`${pageClass} pass-page`} style={{ background: CODE_COLORS[pass.color] }}>
        <View id='pass' className='pass' data-color={pass.color} data-extended={answer.extended ? 'true' : 'false'}>
          <View className='pass__top'>
            <Text id='pass-title' className={stop ? 'pass__title pass__title--stop' : 'pass__title'}>
              {t(stop ? 'pass.titleStop' : 'pass.title')}
            </Text>
            <Text id='lang-switch' className='pass__link' onClick={toggleLocale}>
              {t('lang.switch')}
            </Text>
          </View>
          <Text id='pass-venue' className='pass__venue'>
            {pass.venue.name}
          </Text>
          <Text id='pass-address' className='pass__address'>
            {pass.venue.address}
          </Text>
          <Text id='pass-color' className='pass__color' style={{ background: CODE_COLORS[pass.color] }}>
            {t(`code.color.${pass.color}` as MessageKey)}
          </Text>
          <Text id='pass-holder' className='pass__holder'>
            {pass.holder.name}
          </Text>
          {pass.testRequirement ? (
            <Text
              id='pass-test-requirement'
              className={`pass__test ${pass.testRequirement.verdict === 'MET' ? 'pass__test--met' : 'pass__test--unmet'}`}
              data-verdict={pass.testRequirement.verdict}
            >
              {t(`pass.test.${pass.testRequirement.verdict}` as MessageKey, {
                hours: pass.testRequirement.hours,
                sampled: pass.testRequirement.sampledAt ? formatChinaRelative(new Date(pass.testRequirement.sampledAt), new Date(pass.time), locale) : '',
              })}
            </Text>
          ) : null}
          <Text id='pass-time' className='pass__time'>
            {formatDateTime(now)}
          </Text>
          <Text id='pass-checked-in' className='pass__checked-in'>
            {t('pass.checkedIn', { time: formatTime(new Date(pass.time)) })}
          </Text>
          {answer.extended ? (
            <Text id='pass-extended' className='pass__note'>
              {t('pass.extended')}
            </Text>
          ) : null}
          {stop ? (
            <View id='pass-stop' className='pass__stop'>
              <Text className='pass__stop-text'>{t(pass.color === 'red' ? 'pass.stopRed' : 'pass.stopYellow')}</Text>
              <Text id='pass-why' className='pass__link' onClick={() => void Taro.navigateTo({ url: codePage(who === SELF ? null : who) })}>
                {t('pass.why')}
              </Text>
            </View>
          ) : (
            <Text className='pass__note'>{t('pass.show')}</Text>
          )}
          <Text id='elder-toggle' className='pass__link' onClick={toggleElder}>
            {t('home.elder')}
            {elder ? ' ✓' : ''}
          </Text>
          <Button id='pass-done' className='secondary pass__done' onClick={() => void Taro.reLaunch({ url: HOME_PAGE })}>
            {t('pass.done')}
          </Button>
        </View>
      </View>
    );
  }

  const options = [{ value: SELF, label: t('visit.who.self') }, ...dependents.map((d) => ({ value: d.id, label: d.name }))];

  return (
    <View className={pageClass}>
      <PageHeader title={t('visit.title')} />
      <Text id='elder-toggle' className='link-button' onClick={toggleElder}>
        {t('home.elder')}
        {elder ? ' ✓' : ''}
      </Text>
      <Message error={error} />
      {place ? (
        <View id='place' className='card place' data-active={place.active ? 'true' : 'false'}>
          <Text className='place__type'>{t(`place.type.${place.type}` as MessageKey)}</Text>
          <Text id='place-name' className='place__name'>
            {place.name}
          </Text>
          <Text id='place-address' className='place__address'>
            {place.address}
          </Text>
        </View>
      ) : (
        placeCode && !error && <Text className='hint'>{t('common.loading')}</Text>
      )}
      {place && place.active ? (
        <View className='card'>
          {loggedIn ? (
            <>
              <Text className='field__label'>{t('visit.who')}</Text>
              <Chips id='visit-who' options={options} selected={[who]} onToggle={setWho} />
            </>
          ) : (
            <Text id='visit-login-hint' className='hint'>
              {t('visit.loginFirst')}
            </Text>
          )}
          <Button id='visit-submit' className='primary visit-submit' loading={busy} disabled={busy} onClick={() => void submit()}>
            {t('visit.submit')}
          </Button>
        </View>
      ) : null}
      {needsRegistration ? (
        <Button id='visit-register' className='secondary' onClick={register}>
          {t('visit.register')}
        </Button>
      ) : null}
      <Button id='visit-home' className='secondary' onClick={() => void Taro.reLaunch({ url: HOME_PAGE })}>
        {t('visit.home')}
      </Button>
    </View>
  );
}
