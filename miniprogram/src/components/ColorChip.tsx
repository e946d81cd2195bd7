import { Text } from '@tarojs/components';
import type { Color } from '@yima/shared';
import { CODE_COLORS } from '../constants';
import type { MessageKey } from '../i18n/messages';
import { usePrefs } from '../prefs';

/** A code colour as a small filled chip with its name (绿码 / Green), so it reads without colour
 * vision too. `data-color` carries the machine name for tests. */
export function ColorChip({ color, className }: { color: Color; className?: string }) {
  const { t } = usePrefs();
  return (
    <Text className={`color-chip ${className ?? ''}`} data-color={color} style={{ background: CODE_COLORS[color] }}>
      {t(`code.color.${color}` as MessageKey)}
    </Text>
  );
}
