import { Text, View } from '@tarojs/components';
import type { ShiftScans } from '@yima/shared';
import { formatTime } from '../../../format';
import { usePrefs } from '../../../prefs';

/** The shift's record (issue 13): how many visits the place had today and the latest of them,
 * masked — time, name, colour, how. `onRefresh` loads it again. */
export function ShiftRecord({ shift, onRefresh }: { shift: ShiftScans | null; onRefresh: () => void }) {
  const { t } = usePrefs();
  if (!shift) return null;
  return (
    <View id='shift' className='card shift'>
      <View className='shift__head'>
        <Text className='scanner__section'>{t('scanner.shift')}</Text>
        <Text id='shift-refresh' className='link-button' onClick={onRefresh}>
          {t('scanner.shift.refresh')}
        </Text>
      </View>
      <Text id='shift-count' className='shift__count' data-count={shift.count}>
        {t('scanner.shift.count', { n: shift.count })}
      </Text>
      {shift.count > shift.scans.length ? <Text className='hint'>{t('scanner.shift.capped', { n: shift.scans.length })}</Text> : null}
      {shift.scans.length === 0 ? <Text className='hint'>{t('scanner.shift.empty')}</Text> : null}
      {shift.scans.map((s, i) => (
        <View key={`${s.at}-${i}`} className='shift__row' data-via={s.via}>
          <Text className='shift__time'>{formatTime(new Date(s.at)).slice(0, 5)}</Text>
          <Text className='shift__name'>{s.holder ? s.holder.name : (s.issuer ?? '')}</Text>
          <Text className={`shift__color shift__color--${s.color ?? 'none'}`}>{s.color ? t(`code.color.${s.color}`) : t('scanner.shift.noColour')}</Text>
          <Text className='shift__via'>{t(`scanner.shift.via.${s.via}`)}</Text>
        </View>
      ))}
    </View>
  );
}
