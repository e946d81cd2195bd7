import { Text, View } from '@tarojs/components';
import { CODE_COLORS } from '../../../constants';
import { formatChinaDateTime, formatTime } from '../../../format';
import type { MessageKey } from '../../../i18n/messages';
import { usePrefs } from '../../../prefs';
import type { Shown } from './shown';

const NO_COLOUR = '#1d2129';

/** One scan's verdict, big and plain: colour, allowed or not, masked name, why, and — when
 * checked on the device — how old the lists were. The data-* attributes are for tests. */
export function ScanResultCard({ shown }: { shown: Shown }) {
  const { t } = usePrefs();
  const colour = shown.color ? CODE_COLORS[shown.color] : NO_COLOUR;
  return (
    <View
      id='scan-result'
      className={`card scan-result ${shown.allowed ? 'scan-result--allowed' : 'scan-result--denied'}`}
      data-color={shown.color ?? 'invalid'}
      data-allowed={shown.allowed ? 'true' : 'false'}
      data-kind={shown.kind ?? ''}
      data-problem={shown.problem ?? ''}
      data-offline={shown.offline ? 'true' : 'false'}
      style={{ borderColor: colour }}
    >
      <Text id='scan-color' className='scan-result__color' style={{ background: colour }}>
        {shown.label}
      </Text>
      {shown.requirement ? (
        <Text
          id='scan-test-requirement'
          className={`scan-result__test ${shown.requirement.met ? 'scan-result__test--met' : 'scan-result__test--unmet'}`}
          data-verdict={shown.requirement.verdict}
        >
          {shown.requirement.text}
        </Text>
      ) : null}
      <Text id='scan-allowed' className={`scan-result__allowed ${shown.allowed ? 'scan-result__allowed--yes' : 'scan-result__allowed--no'}`}>
        {t(shown.allowed ? 'scanner.allowed' : 'scanner.denied')}
      </Text>
      {shown.holder ? (
        <Text id='scan-holder' className={`scan-result__holder ${shown.offline ? 'scan-result__holder--unknown' : ''}`}>
          {shown.holder}
        </Text>
      ) : null}
      {shown.kind ? (
        <Text id='scan-kind' className='scan-result__meta'>
          {t(`scanner.kind.${shown.kind}` as MessageKey)}
        </Text>
      ) : null}
      <Text id='scan-reason' className='scan-result__reason'>
        {shown.reason}
      </Text>
      {shown.offline ? (
        <View id='scan-offline' className='scan-result__offline'>
          <Text className='scan-result__offline-title'>{t('scanner.offline')}</Text>
          <Text className='scan-result__meta'>
            {shown.listsAsOf ? t('scanner.offline.asOf', { time: formatChinaDateTime(new Date(shown.listsAsOf)) }) : t('scanner.offline.noLists')}
          </Text>
        </View>
      ) : null}
      <Text id='scan-time' className='scan-result__meta'>
        {t('scanner.at', { time: formatTime(shown.at) })}
      </Text>
    </View>
  );
}
