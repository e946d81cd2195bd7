import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { MARK_COLORS, type MarkColor } from '@yima/shared';
import { Chips } from '../../../components/Chips';
import { ColorChip } from '../../../components/ColorChip';
import { Field } from '../../../components/Field';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { formatChinaDateTime } from '../../../format';
import type { MessageKey } from '../../../i18n/messages';
import { usePageMessages } from '../../../components/usePageMessages';
import { usePrefs } from '../../../prefs';
import { fetchMarkReasons, fetchMarks, liftMark, setMark, type MarkReason, type MarkView } from '../../../services/ops';

const EMPTY_FORM = { idNumber: '', color: 'red' as MarkColor, reason: '', legalBasis: '', note: '', district: '' };

/**
 * Authority marks (赋码, SPEC C8; issue 12): an authority marks a person yellow or red by ID
 * number, with a listed reason (GET /api/mark-reasons), the legal basis and a note; the list
 * shows the marks of its districts (the person masked) and lifts one with a reason. The BFF
 * keeps each authority to its districts. In the ops subpackage.
 */
export default function MarksPage() {
  const { t, locale, pageClass } = usePrefs();
  const [reasons, setReasons] = useState<MarkReason[]>([]);
  const [marks, setMarks] = useState<MarkView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [onlyActive, setOnlyActive] = useState(true);
  const [form, setForm] = useState(EMPTY_FORM);
  const [lifting, setLifting] = useState<{ id: string; reason: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, notice, fail, say } = usePageMessages();

  async function load(active: boolean, more: string | null) {
    try {
      const page = await fetchMarks({ active: active ? true : null, cursor: more });
      setMarks((shown) => (more && shown ? [...shown, ...page.marks] : page.marks));
      setCursor(page.nextCursor);
    } catch (err) {
      fail(err);
    }
  }

  useDidShow(() => {
    fetchMarkReasons().then(setReasons, fail);
    void load(onlyActive, null);
  });

  const reasonText = (code: string) => reasons.find((r) => r.code === code)?.text[locale] ?? code;
  const colorText = (color: MarkColor) => t(`code.color.${color}` as MessageKey);

  async function submit() {
    setBusy(true);
    try {
      const district = form.district.trim();
      const made = await setMark({
        idNumber: form.idNumber.trim().toUpperCase(),
        color: form.color,
        reason: form.reason,
        legalBasis: form.legalBasis.trim(),
        note: form.note.trim(),
        ...(district ? { district } : {}),
      });
      const id = form.idNumber.trim();
      // Masked here as everywhere: the ID number is not shown back in full.
      say(t('marks.set', { person: `${id.slice(0, 6)}********${id.slice(-4)}`, color: colorText(form.color), district: made.district }));
      setForm({ ...EMPTY_FORM, legalBasis: form.legalBasis, district: form.district });
      await load(onlyActive, null);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function lift() {
    if (!lifting) return;
    try {
      await liftMark(lifting.id, lifting.reason.trim());
      setLifting(null);
      say(t('marks.lifted'));
      await load(onlyActive, null);
    } catch (err) {
      fail(err);
    }
  }

  const filter = (active: boolean) => {
    setOnlyActive(active);
    void load(active, null);
  };

  return (
    <View className={`${pageClass} ops-page`}>
      <PageHeader title={t('marks.title')} subtitle={t('marks.subtitle')} />
      <Message error={error} notice={notice} />
      <View className='card' id='mark-new'>
        <Text className='section-title'>{t('marks.new')}</Text>
        <Field
          id='mark-id'
          label={t('marks.idNumber')}
          type='idcard'
          maxlength={18}
          value={form.idNumber}
          onChange={(idNumber) => setForm({ ...form, idNumber })}
        />
        <Text className='field__label'>{t('marks.reason')}</Text>
        <Chips
          id='mark-reason'
          options={reasons.map((r) => ({ value: r.code, label: r.text[locale] }))}
          selected={[form.reason]}
          // A reason comes with its usual colour; the authority may still choose the other.
          onToggle={(code) => setForm({ ...form, reason: code, color: reasons.find((r) => r.code === code)?.usualColor ?? form.color })}
        />
        <Text className='field__label'>{t('marks.color')}</Text>
        <Chips
          id='mark-color'
          options={MARK_COLORS.map((c) => ({ value: c, label: colorText(c) }))}
          selected={[form.color]}
          onToggle={(color) => setForm({ ...form, color: color as MarkColor })}
        />
        <Field
          id='mark-basis'
          label={t('marks.legalBasis')}
          placeholder={t('marks.legalBasis.placeholder')}
          maxlength={200}
          value={form.legalBasis}
          onChange={(legalBasis) => setForm({ ...form, legalBasis })}
        />
        <Field id='mark-note' label={t('marks.note')} maxlength={200} value={form.note} onChange={(note) => setForm({ ...form, note })} />
        <Field
          id='mark-district'
          label={t('marks.district')}
          type='number'
          maxlength={6}
          value={form.district}
          onChange={(district) => setForm({ ...form, district })}
        />
        <Button id='mark-submit' className='primary' loading={busy} onClick={() => void submit()}>
          {t('marks.submit')}
        </Button>
      </View>

      <View className='card' id='mark-list'>
        <Text className='section-title'>{t('marks.list')}</Text>
        <Chips
          id='marks-filter'
          options={[
            { value: 'active', label: t('marks.filter.active') },
            { value: 'all', label: t('marks.filter.all') },
          ]}
          selected={[onlyActive ? 'active' : 'all']}
          onToggle={(v) => filter(v === 'active')}
        />
        {marks && !marks.length ? <Text className='hint'>{t('ops.empty')}</Text> : null}
        {marks?.map((m) => (
          <View key={m.id} id={`mark-${m.id}`} className='ops-item' data-active={m.active} data-color={m.color}>
            <View className='ops-actions'>
              <Text className='ops-item__title ops-code'>{m.person ?? '—'}</Text>
              <ColorChip color={m.color} />
            </View>
            <Text className='ops-item__line'>
              {reasonText(m.reason)} · {m.district} · {t('marks.setAt', { time: formatChinaDateTime(new Date(m.setAt)) })}
            </Text>
            <Text className='ops-item__line'>{t('marks.basisLine', { basis: m.legalBasis })}</Text>
            {m.note ? <Text className='hint'>{m.note}</Text> : null}
            {m.liftedAt ? (
              <Text className='ops-item__line'>{t('marks.liftedAt', { time: formatChinaDateTime(new Date(m.liftedAt)), reason: m.liftReason ?? '' })}</Text>
            ) : !m.active ? (
              <Text className='ops-item__line'>{t('marks.expired')}</Text>
            ) : lifting?.id === m.id ? (
              <View>
                <Field
                  id='mark-lift-reason'
                  label={t('marks.liftReason')}
                  maxlength={200}
                  value={lifting.reason}
                  onChange={(reason) => setLifting({ id: m.id, reason })}
                />
                <View className='ops-actions'>
                  <Button id='mark-lift-confirm' className='primary' onClick={() => void lift()}>
                    {t('marks.liftConfirm')}
                  </Button>
                  <Text id='mark-lift-cancel' className='link-button' onClick={() => setLifting(null)}>
                    {t('ops.cancel')}
                  </Text>
                </View>
              </View>
            ) : (
              <View className='ops-actions'>
                <Text id={`mark-lift-${m.id}`} className='link-button' onClick={() => setLifting({ id: m.id, reason: '' })}>
                  {t('marks.lift')}
                </Text>
              </View>
            )}
          </View>
        ))}
        {cursor ? (
          <Button id='marks-more' className='secondary' onClick={() => void load(onlyActive, cursor)}>
            {t('ops.more')}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
