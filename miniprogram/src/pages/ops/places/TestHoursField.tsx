import { Text, View } from '@tarojs/components';
import { REQUIRED_TEST_HOURS } from '@yima/shared';
import { Chips } from '../../../components/Chips';
import { Field } from '../../../components/Field';
import { usePrefs } from '../../../prefs';

/** The spans gates asked for in 2022; any other whole number of hours may be typed. */
const PRESETS = ['24', '48', '72'];
const NONE = 'none';

/**
 * The hours a place's negative test must be within, as typed: '' for none, a whole number
 * from 1 to 336, or (for a typing mistake) anything else. Null when it is not acceptable.
 */
export function parseTestHours(text: string): { hours: number | null } | null {
  const trimmed = text.trim();
  if (!trimmed) return { hours: null };
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const hours = Number(trimmed);
  return hours >= REQUIRED_TEST_HOURS.min && hours <= REQUIRED_TEST_HOURS.max ? { hours } : null;
}

/** A place's test requirement (decision 0026): "不要求" or a common span at a tap, or hours typed. */
export function TestHoursField({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { t } = usePrefs();
  const selected = value.trim() ? [value.trim()] : [NONE];
  return (
    <View className='test-hours' id={id}>
      <Text className='field__label'>{t('places.testHours')}</Text>
      <Chips
        id={`${id}-chips`}
        options={[{ value: NONE, label: t('places.testHours.none') }, ...PRESETS.map((h) => ({ value: h, label: t('places.testHours.preset', { hours: h }) }))]}
        selected={selected}
        onToggle={(chosen) => onChange(chosen === NONE ? '' : chosen)}
      />
      <Field id={`${id}-hours`} label={t('places.testHours.custom')} type='number' maxlength={3} value={value} onChange={onChange} />
    </View>
  );
}
