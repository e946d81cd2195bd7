import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { VenueType } from '@yima/shared';
import { Chips } from '../../../components/Chips';
import { Field } from '../../../components/Field';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { errorText } from '../../../i18n';
import type { MessageKey } from '../../../i18n/messages';
import { canDownloadFiles, canPickFiles, downloadFile, fileUrl, pickTextFile, printFile } from '../../../platform/device';
import { usePageMessages } from '../../../components/usePageMessages';
import { usePrefs } from '../../../prefs';
import { placeScreenPage } from '../../../routes';
import { createVenue, fetchVenues, importVenues, posterPath, updateVenue, type ImportResult, type VenuePatch, type VenueView } from '../../../services/ops';
import { getToken } from '../../../services/session';
import { PLACE_TYPES } from '../../../statsView';
import { parseTestHours, TestHoursField } from './TestHoursField';

const EMPTY_FORM = { name: '', address: '', district: '', organisation: '', type: 'community' as VenueType, testHours: '' };

/**
 * The place registry for operators (SPEC C6, issue 12): create a place, import many from CSV
 * (a desktop browser picks the file; a mini-program says where to do it), open or close a place,
 * switch it to a rotating screen code and open that screen, and show its poster — in H5 the A4
 * SVG, printed from a window of its own; in mini-programs the QR as PNG. The poster also prints
 * the typed place code. In the ops subpackage: residents never download it.
 */
export default function PlacesPage() {
  const { t, locale, pageClass } = usePrefs();
  const [places, setPlaces] = useState<VenueView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [form, setForm] = useState(EMPTY_FORM);
  const [imported, setImported] = useState<(ImportResult & { file: string }) | null>(null);
  const [poster, setPoster] = useState<{ place: VenueView; url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The place whose test requirement is being edited, and the hours as typed. */
  const [editing, setEditing] = useState<{ id: string; testHours: string } | null>(null);
  const { error, notice, setError, fail, say } = usePageMessages();

  async function load(more: string | null) {
    try {
      const page = await fetchVenues({ cursor: more, q: search.trim() || null });
      setPlaces((shown) => (more && shown ? [...shown, ...page.venues] : page.venues));
      setCursor(page.nextCursor);
    } catch (err) {
      fail(err);
    }
  }

  useDidShow(() => void load(null));

  /** A place's poster, fetched with the session (tokens stay out of URLs): H5 draws the SVG. */
  async function showPoster(place: VenueView) {
    const token = getToken();
    if (!token) return;
    try {
      const url = await fileUrl(posterPath(place.id, canDownloadFiles ? 'svg' : 'png'), token);
      setPoster({ place, url });
    } catch (err) {
      setError(errorText(locale, (err as Error).message));
    }
  }

  async function create() {
    const testHours = parseTestHours(form.testHours);
    if (!testHours) {
      setError(t('places.testHours.invalid'));
      return;
    }
    setBusy(true);
    try {
      const { testHours: _typed, ...fields } = form;
      const body = {
        ...fields,
        name: form.name.trim(),
        address: form.address.trim(),
        district: form.district.trim(),
        organisation: form.organisation.trim(),
        requiredTestHours: testHours.hours,
      };
      const made = await createVenue(body);
      say(t('places.created', { name: body.name, code: made.placeCode }));
      setForm(EMPTY_FORM);
      await load(null);
      const place: VenueView = { ...body, id: made.id, placeCode: made.placeCode, active: true, rotating: false };
      await showPoster(place);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function importFile() {
    const file = await pickTextFile('.csv,text/csv');
    if (!file) return;
    setBusy(true);
    try {
      const result = await importVenues(file.text);
      setImported({ ...result, file: file.name });
      say(t('places.importDone', { file: file.name, created: result.created.length, rejected: result.rejected.length }));
      await load(null);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function change(place: VenueView, patch: VenuePatch): Promise<boolean> {
    try {
      const updated = await updateVenue(place.id, patch);
      setPlaces((shown) => shown?.map((p) => (p.id === updated.id ? updated : p)) ?? null);
      setError(null);
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }

  async function saveTestHours(place: VenueView) {
    const testHours = editing && parseTestHours(editing.testHours);
    if (!testHours) {
      setError(t('places.testHours.invalid'));
      return;
    }
    if (await change(place, { requiredTestHours: testHours.hours })) {
      setEditing(null);
      say(t('places.testHours.saved', { name: place.name }));
    }
  }

  async function save(kind: 'svg' | 'png') {
    const token = getToken();
    if (!poster || !token) return;
    const file = kind === 'svg' ? `poster-${poster.place.placeCode}.svg` : `qr-${poster.place.placeCode}.png`;
    try {
      await downloadFile(posterPath(poster.place.id, kind), file, token);
    } catch (err) {
      setError(errorText(locale, (err as Error).message));
    }
  }

  const typeLabel = (type: VenueType) => t(`place.type.${type}` as MessageKey);

  return (
    <View className={`${pageClass} ops-page`}>
      <PageHeader title={t('places.title')} subtitle={t('places.subtitle')} />
      <Message error={error} notice={notice} />

      {poster ? (
        <View className='card' id='poster' data-place-code={poster.place.placeCode}>
          <Text className='section-title'>{t('places.posterTitle', { name: poster.place.name })}</Text>
          <Image id='poster-image' className='ops-poster' src={poster.url} mode='widthFix' />
          <Text id='poster-code' className='hint'>
            {t('places.posterCode', { code: poster.place.placeCode })}
          </Text>
          {canDownloadFiles ? (
            <View className='ops-actions'>
              <Button id='poster-print' className='primary' onClick={() => (printFile(poster.url) ? undefined : setError(t('places.printBlocked')))}>
                {t('places.print')}
              </Button>
              <Button id='poster-svg' className='secondary' onClick={() => void save('svg')}>
                {t('places.downloadSvg')}
              </Button>
              <Button id='poster-png' className='secondary' onClick={() => void save('png')}>
                {t('places.downloadPng')}
              </Button>
            </View>
          ) : (
            <Text id='poster-desktop' className='hint'>
              {t('places.printDesktop')}
            </Text>
          )}
          <Text id='poster-close' className='link-button' onClick={() => setPoster(null)}>
            {t('places.closePoster')}
          </Text>
        </View>
      ) : null}

      <View className='card' id='place-new'>
        <Text className='section-title'>{t('places.new')}</Text>
        <Field id='place-name' label={t('places.name')} value={form.name} maxlength={60} onChange={(name) => setForm({ ...form, name })} />
        <Field id='place-address' label={t('places.address')} value={form.address} maxlength={120} onChange={(address) => setForm({ ...form, address })} />
        <Field
          id='place-district'
          label={t('places.district')}
          placeholder={t('places.district.placeholder')}
          type='number'
          maxlength={6}
          value={form.district}
          onChange={(district) => setForm({ ...form, district })}
        />
        <Field
          id='place-org'
          label={t('places.organisation')}
          value={form.organisation}
          maxlength={60}
          onChange={(organisation) => setForm({ ...form, organisation })}
        />
        <Text className='field__label'>{t('places.type')}</Text>
        <Chips
          id='place-type'
          options={PLACE_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))}
          selected={[form.type]}
          onToggle={(type) => setForm({ ...form, type: type as VenueType })}
        />
        <TestHoursField id='place-test' value={form.testHours} onChange={(testHours) => setForm({ ...form, testHours })} />
        <Button id='place-create' className='primary' loading={busy} onClick={() => void create()}>
          {t('places.create')}
        </Button>
      </View>

      <View className='card' id='place-import'>
        <Text className='section-title'>{t('places.import')}</Text>
        <Text className='hint'>{t('places.importHint')}</Text>
        {canPickFiles ? (
          <Button id='place-import-pick' className='secondary' onClick={() => void importFile()}>
            {t('places.importPick')}
          </Button>
        ) : (
          <Text id='place-import-desktop' className='hint'>
            {t('places.importDesktop')}
          </Text>
        )}
        {imported ? (
          <View id='import-result' data-created={imported.created.length} data-rejected={imported.rejected.length}>
            {imported.rejected.map((r) => (
              <Text key={r.row} id={`import-row-${r.row}`} className='message message--error ops-line'>
                {t('places.importRow', { row: r.row, message: r.message })}
              </Text>
            ))}
          </View>
        ) : null}
      </View>

      <View className='card' id='place-list'>
        <Text className='section-title'>{t('places.list')}</Text>
        <Field
          id='place-search'
          label={t('places.search')}
          value={search}
          maxlength={60}
          onChange={setSearch}
          extra={
            <Text id='place-search-go' className='link-button' onClick={() => void load(null)}>
              {t('places.searchGo')}
            </Text>
          }
        />
        {places && !places.length ? <Text className='hint'>{t('ops.empty')}</Text> : null}
        {places?.map((p) => (
          <View key={p.id} id={`place-${p.id}`} className='ops-item' data-active={p.active} data-rotating={p.rotating}>
            <Text className='ops-item__title'>{p.name}</Text>
            <Text className='hint'>
              {typeLabel(p.type)} · {p.district} · {p.address}
            </Text>
            <Text className='ops-item__line'>
              {t('places.code')}{' '}
              <Text id={`place-code-${p.id}`} className='ops-code'>
                {p.placeCode}
              </Text>
            </Text>
            <Text className='ops-item__line'>
              {p.active ? t('places.active') : t('places.inactive')} · {p.rotating ? t('places.rotating') : t('places.printed')}
            </Text>
            <Text id={`place-test-shown-${p.id}`} className='ops-item__line' data-hours={p.requiredTestHours ?? ''}>
              {p.requiredTestHours === null ? t('places.testHours.shownNone') : t('places.testHours.shown', { hours: p.requiredTestHours })}
            </Text>
            {editing?.id === p.id ? (
              <View className='ops-edit'>
                <TestHoursField id={`place-test-${p.id}`} value={editing.testHours} onChange={(testHours) => setEditing({ id: p.id, testHours })} />
                <View className='ops-actions'>
                  <Button id={`place-test-save-${p.id}`} className='primary' onClick={() => void saveTestHours(p)}>
                    {t('places.testHours.save')}
                  </Button>
                  <Button id={`place-test-cancel-${p.id}`} className='secondary' onClick={() => setEditing(null)}>
                    {t('places.testHours.cancel')}
                  </Button>
                </View>
              </View>
            ) : null}
            <View className='ops-actions'>
              <Text id={`place-poster-${p.id}`} className='link-button' onClick={() => void showPoster(p)}>
                {t('places.poster')}
              </Text>
              <Text id={`place-toggle-${p.id}`} className='link-button' onClick={() => void change(p, { active: !p.active })}>
                {p.active ? t('places.deactivate') : t('places.activate')}
              </Text>
              <Text id={`place-rotating-${p.id}`} className='link-button' onClick={() => void change(p, { rotating: !p.rotating })}>
                {p.rotating ? t('places.rotatingOff') : t('places.rotatingOn')}
              </Text>
              <Text
                id={`place-test-edit-${p.id}`}
                className='link-button'
                onClick={() => setEditing({ id: p.id, testHours: p.requiredTestHours === null ? '' : String(p.requiredTestHours) })}
              >
                {t('places.testHours.edit')}
              </Text>
              {p.rotating ? (
                <Text id={`place-screen-${p.id}`} className='link-button' onClick={() => void Taro.navigateTo({ url: placeScreenPage(p.id) })}>
                  {t('places.openScreen')}
                </Text>
              ) : null}
            </View>
          </View>
        ))}
        {cursor ? (
          <Button id='places-more' className='secondary' onClick={() => void load(cursor)}>
            {t('ops.more')}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
