import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { RISK_LEVELS, type RiskLevel } from '@yima/shared';
import { Chips } from '../../../components/Chips';
import { Field } from '../../../components/Field';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { confirmAction } from '../../../confirm';
import { formatChinaDateTime } from '../../../format';
import type { MessageKey } from '../../../i18n/messages';
import { usePageMessages } from '../../../components/usePageMessages';
import { usePrefs } from '../../../prefs';
import { declareRiskArea, endRiskArea, fetchRiskAreas, type RiskAreaItem } from '../../../services/ops';

/**
 * Risk areas for operators (issue 12): the areas in effect, each of which can be ended now, and
 * a form declaring an area and its level from now on (a new level of an area replaces the old).
 * Check-ins are judged against this list. In the ops subpackage.
 */
export default function RiskAreasPage() {
  const { t, pageClass } = usePrefs();
  const [areas, setAreas] = useState<RiskAreaItem[] | null>(null);
  const [form, setForm] = useState({ code: '', name: '', level: 'high' as RiskLevel });
  const [busy, setBusy] = useState(false);
  const { error, notice, fail, say } = usePageMessages();

  const load = () => fetchRiskAreas().then(setAreas, fail);
  useDidShow(() => void load());
  const levelText = (level: RiskLevel) => t(`risk.level.${level}` as MessageKey);

  async function declare() {
    setBusy(true);
    try {
      const name = form.name.trim();
      await declareRiskArea({ code: form.code.trim(), name, level: form.level, effectiveFrom: new Date().toISOString() });
      say(t('risk.declared', { name }));
      setForm({ ...form, code: '', name: '' });
      await load();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function end(area: RiskAreaItem) {
    if (!(await confirmAction(t('risk.endTitle'), t('risk.endConfirm', { name: area.name, level: levelText(area.level) }), t('risk.end'), t('ops.cancel'))))
      return;
    try {
      await endRiskArea(area.id, new Date().toISOString());
      say(t('risk.ended', { name: area.name }));
      await load();
    } catch (err) {
      fail(err);
    }
  }

  return (
    <View className={`${pageClass} ops-page`}>
      <PageHeader title={t('risk.title')} subtitle={t('risk.subtitle')} />
      <Message error={error} notice={notice} />
      <View className='card' id='risk-list'>
        <Text className='section-title'>{t('risk.current')}</Text>
        {areas && !areas.length ? <Text className='hint'>{t('ops.empty')}</Text> : null}
        {areas?.map((a) => (
          <View key={a.id} id={`risk-${a.id}`} className='ops-item' data-level={a.level} data-code={a.code}>
            <Text className='ops-item__title'>{a.name}</Text>
            <Text className='ops-item__line'>
              {a.code} · {levelText(a.level)} · {t('risk.since', { time: formatChinaDateTime(new Date(a.effectiveFrom)) })}
              {a.effectiveTo ? ` · ${t('risk.until', { time: formatChinaDateTime(new Date(a.effectiveTo)) })}` : ''}
            </Text>
            <View className='ops-actions'>
              <Text id={`risk-end-${a.id}`} className='link-button' onClick={() => void end(a)}>
                {t('risk.end')}
              </Text>
            </View>
          </View>
        ))}
      </View>
      <View className='card' id='risk-new'>
        <Text className='section-title'>{t('risk.declare')}</Text>
        <Field id='risk-code' label={t('risk.code')} type='number' maxlength={6} value={form.code} onChange={(code) => setForm({ ...form, code })} />
        <Field id='risk-name' label={t('risk.name')} maxlength={60} value={form.name} onChange={(name) => setForm({ ...form, name })} />
        <Text className='field__label'>{t('risk.level')}</Text>
        <Chips
          id='risk-level'
          options={RISK_LEVELS.map((level) => ({ value: level, label: levelText(level) }))}
          selected={[form.level]}
          onToggle={(level) => setForm({ ...form, level: level as RiskLevel })}
        />
        <Button id='risk-declare' className='primary' loading={busy} onClick={() => void declare()}>
          {t('risk.submit')}
        </Button>
      </View>
    </View>
  );
}
