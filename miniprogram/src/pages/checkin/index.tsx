import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { chinaDate, CONTACTS, SYMPTOMS, type CheckinRequest, type Contact, type Symptom } from '@yima/shared';
import { Chips } from '../../components/Chips';
import { Field } from '../../components/Field';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { DISTRICTS } from '../../constants';
import { failureText } from '../../errorWords';
import type { MessageKey } from '../../i18n/messages';
import { usePrefs } from '../../prefs';
import { codePage, dependentParam } from '../../routes';
import { fetchHistory, fetchRiskAreas, submitCheckin, type RiskAreaItem } from '../../services/code';
import { fetchCommunities, type GridView } from '../../services/grids';
import { listDependents, submitDependentCheckin } from '../../services/dependents';
import { relativeAddress, rememberRelativeAddress } from '../../services/relativeAddresses';
import { ownPrefill, type CheckinAddress } from '../../checkinPrefill';

/**
 * Daily check-in (SPEC C2). Today's answers, if any, are loaded for editing. The address may
 * name its community, from the chosen district's grid list (optional; it places the person in
 * that community's grid, decision 0019). With a
 * `dependentId` parameter it checks in for a relative the resident files for (SPEC C5): it
 * says whose check-in it is (`#checkin-for`) and then shows that relative's code. The address
 * starts as last given (../../checkinPrefill.ts): the resident's from their latest check-in, a
 * relative's as this device last sent it.
 */
export default function CheckinPage() {
  const { t, locale, pageClass } = usePrefs();
  const { params } = useRouter();
  const dependentId = dependentParam(params);
  const [dependentName, setDependentName] = useState<string | null>(null);
  const [temperatureMode, setTemperatureMode] = useState<'normal' | 'measured'>('normal');
  const [temperature, setTemperature] = useState('');
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [areas, setAreas] = useState<RiskAreaItem[]>([]);
  const [visited, setVisited] = useState<string[]>([]);
  const [contact, setContact] = useState<Contact>('none');
  const [district, setDistrict] = useState('');
  const [detail, setDetail] = useState('');
  /** The district's communities (the grid list), and the one chosen: optional, '' for none. */
  const [communities, setCommunities] = useState<GridView[]>([]);
  const [community, setCommunity] = useState('');
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const prefillAddress = (address: CheckinAddress) => {
    setDistrict(address.district);
    setCommunity(address.community ?? '');
    setDetail(address.detail);
  };

  useLoad(() => {
    fetchRiskAreas().then(setAreas, () => setAreas([]));
    if (dependentId) {
      listDependents()
        .then((list) => setDependentName(list.find((d) => d.id === dependentId)?.name ?? null))
        .catch(() => undefined);
      const remembered = relativeAddress(dependentId);
      if (remembered) prefillAddress(remembered);
      return;
    }
    fetchHistory()
      .then((history) => {
        const prefill = ownPrefill(history, chinaDate(new Date()));
        if (!prefill) return;
        if (prefill.kind === 'address') return prefillAddress(prefill.address);
        const a = prefill.answers;
        setEditing(true);
        setTemperatureMode(a.temperature === 'normal' ? 'normal' : 'measured');
        setTemperature(a.temperature === 'normal' ? '' : String(a.temperature));
        setSymptoms(a.symptoms);
        setVisited(a.visitedAreas);
        setContact(a.contact);
        prefillAddress(a.address);
      })
      .catch(() => undefined);
  });

  // The chosen district's communities; a district without a grid list offers none.
  useEffect(() => {
    setCommunities([]);
    if (!district) return;
    let current = true;
    fetchCommunities(district).then(
      (list) => current && setCommunities(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [district]);

  const chooseDistrict = (code: string) => {
    if (code !== district) setCommunity('');
    setDistrict(code);
  };

  const toggle = <T extends string>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  async function submit() {
    const measured = Number(temperature);
    if (temperatureMode === 'measured' && !(measured >= 34 && measured <= 43)) return setError(t('checkin.invalid.temperature'));
    if (!district || !detail.trim()) return setError(t('checkin.invalid.address'));
    const answers: CheckinRequest = {
      temperature: temperatureMode === 'normal' ? 'normal' : measured,
      symptoms,
      visitedAreas: visited,
      contact,
      address: { district, detail: detail.trim(), ...(community ? { community } : {}) },
    };
    setBusy(true);
    setError(null);
    try {
      if (dependentId) {
        await submitDependentCheckin(dependentId, answers);
        rememberRelativeAddress(dependentId, answers.address);
        // Back to the relative's code page if it opened this one, else open it.
        if (params.from === 'code' && Taro.getCurrentPages().length > 1) await Taro.navigateBack();
        else await Taro.redirectTo({ url: codePage(dependentId) });
        return;
      }
      await submitCheckin(answers);
      // Back to the code page if that is where the resident came from (it refreshes on show),
      // so the page stack does not grow a second code page.
      const stack = Taro.getCurrentPages();
      const previous = stack.length > 1 ? (stack[stack.length - 2]?.route ?? '') : '';
      if (previous.includes('pages/code/index')) await Taro.navigateBack();
      else await Taro.redirectTo({ url: codePage() });
    } catch (err) {
      setError(failureText(locale, err));
    } finally {
      setBusy(false);
    }
  }

  const label = (key: string) => t(key as MessageKey);
  return (
    <View className={pageClass}>
      <PageHeader title={t('checkin.title')} />
      {dependentId ? (
        <Text id='checkin-for' className='checkin-for' data-dependent-id={dependentId}>
          {dependentName ? t('checkin.for', { name: dependentName }) : t('checkin.for.unknown')}
        </Text>
      ) : null}
      {editing ? <Text className='hint'>{t('checkin.editing')}</Text> : null}
      <View className='card'>
        <Text className='field__label'>{t('checkin.temperature')}</Text>
        <Chips
          id='temp'
          options={[
            { value: 'normal', label: t('checkin.temperature.normal') },
            { value: 'measured', label: t('checkin.temperature.measured') },
          ]}
          selected={[temperatureMode]}
          onToggle={(v) => setTemperatureMode(v as 'normal' | 'measured')}
        />
        {temperatureMode === 'measured' ? <Field id='temperature' label='℃' value={temperature} type='digit' maxlength={4} onChange={setTemperature} /> : null}

        <Text className='field__label'>{t('checkin.symptoms')}</Text>
        <Chips
          id='symptom'
          options={[{ value: 'none', label: t('checkin.symptom.none') }, ...SYMPTOMS.map((s) => ({ value: s, label: label(`checkin.symptom.${s}`) }))]}
          selected={symptoms.length ? symptoms : ['none']}
          onToggle={(v) => setSymptoms(v === 'none' ? [] : toggle(symptoms, v as Symptom))}
        />

        <Text className='field__label'>{t('checkin.areas')}</Text>
        <Chips
          id='area'
          options={[
            { value: 'none', label: t('checkin.areas.none') },
            ...areas.map((a) => ({ value: a.code, label: `${a.name} · ${label(`checkin.level.${a.level}`)}` })),
          ]}
          selected={visited.length ? visited : ['none']}
          onToggle={(v) => setVisited(v === 'none' ? [] : toggle(visited, v))}
        />

        <Text className='field__label'>{t('checkin.contact')}</Text>
        <Chips
          id='contact'
          options={CONTACTS.map((c) => ({ value: c, label: label(`checkin.contact.${c}`) }))}
          selected={[contact]}
          onToggle={(v) => setContact(v as Contact)}
        />

        <Text className='field__label'>{t('checkin.district')}</Text>
        <Chips id='district' options={DISTRICTS.map((d) => ({ value: d.code, label: d[locale] }))} selected={[district]} onToggle={chooseDistrict} />
        {communities.length ? (
          <>
            <Text className='field__label'>{t('checkin.community')}</Text>
            <Chips
              id='community'
              options={[{ value: 'none', label: t('checkin.community.none') }, ...communities.map((c) => ({ value: c.code, label: c.name }))]}
              selected={[community || 'none']}
              onToggle={(v) => setCommunity(v === 'none' ? '' : v)}
            />
          </>
        ) : null}
        <Field id='address' label={t('checkin.address')} value={detail} maxlength={120} placeholder={t('checkin.address.placeholder')} onChange={setDetail} />

        <Message error={error} />
        <Button id='checkin-submit' className='primary' loading={busy} disabled={busy} onClick={submit}>
          {t('checkin.submit')}
        </Button>
      </View>
    </View>
  );
}
