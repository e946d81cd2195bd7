import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { actorLabel } from '../codeLabels';
import { codeReason } from '../codeReason';
import { CODE_COLORS } from '../constants';
import { formatChinaDateTime } from '../format';
import { usePrefs } from '../prefs';
import type { CodeReason } from '../services/code';

/**
 * One reason behind the colour (`.code-reason`, `data-source`), worded in the app's language
 * from the BFF's codes (../codeReason). An authority mark (`.code-mark`) says all a
 * resident needs to contest or end it: who set it and when, why, on what legal basis, who can
 * lift it, what to do and the hotline (tap to call). Elder mode keeps the mark's details and
 * drops the other reasons' source line.
 */
export function CodeReasonItem({ reason: r }: { reason: CodeReason }) {
  const { t, locale, elder } = usePrefs();
  const { text, guidance, liftedBy } = codeReason(r, locale);
  const at = r.effectiveAt ? formatChinaDateTime(new Date(r.effectiveAt)) : null;

  if (r.mark) {
    const { hotline } = r;
    const call = () => void Taro.makePhoneCall({ phoneNumber: hotline }).catch(() => undefined);
    return (
      <View className='reason code-reason' data-source={r.source}>
        <View className='code-mark' data-mark-id={r.mark.id} style={{ borderLeftColor: CODE_COLORS[r.color] }}>
          <Text className='code-mark__title' style={{ color: CODE_COLORS[r.color] }}>
            {t('code.mark.title')}
          </Text>
          <Text className='reason__text code-mark__reason'>{t('code.mark.reason', { text })}</Text>
          <Text className='reason__meta code-mark__set-by'>{t('code.mark.setBy', { who: actorLabel(r.setBy, locale) })}</Text>
          {at ? <Text className='reason__meta code-mark__at'>{t('code.mark.at', { time: at })}</Text> : null}
          <Text className='reason__meta code-mark__legal-basis'>{t('code.mark.legalBasis', { text: r.mark.legalBasis })}</Text>
          <Text className='reason__meta code-mark__lifted-by'>{t('code.mark.liftedBy', { who: liftedBy ?? '' })}</Text>
          <Text className='reason__todo code-mark__guidance'>{t('code.mark.guidance', { text: guidance })}</Text>
          {hotline ? (
            <Text className='reason__todo code-mark__hotline' onClick={call}>
              {t('code.mark.hotline', { phone: hotline })}
            </Text>
          ) : null}
        </View>
      </View>
    );
  }

  return (
    <View className='reason code-reason' data-source={r.source}>
      <Text className='reason__text'>{text}</Text>
      {elder ? null : (
        <Text className='reason__meta'>
          {t('code.setBy', { who: actorLabel(r.setBy, locale) })}
          {at ? ` · ${at}` : ''}
        </Text>
      )}
      <Text className='reason__todo'>{t('code.todo', { text: guidance })}</Text>
    </View>
  );
}
