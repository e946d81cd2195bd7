import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { isReasonCode } from '@yima/shared';
import { CodeReasonItem } from '../../../components/CodeReasonItem';
import { CodeSources } from '../../../components/CodeSources';
import { ColorChip } from '../../../components/ColorChip';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { formatChinaDateTime } from '../../../format';
import { errorText, translate } from '../../../i18n';
import { usePrefs } from '../../../prefs';
import { GRID_PAGE, pageParam } from '../../../routes';
import { fetchResident, type GridResidentDetail } from '../../../services/grids';
import { ApiError } from '../../../services/request';
import { checkinLine } from './checkinLine';

/**
 * One resident of a grid, for their community worker: masked name, colour and why (as their
 * own code page words it, without the QR), and the check-ins of the last 14 days. Loaded once
 * per opening: each load is recorded in the resident's history, and the page says so.
 */
export default function GridResidentPage() {
  const { t, locale, pageClass } = usePrefs();
  const { params } = useRouter();
  const grid = pageParam(params, 'grid');
  const personId = pageParam(params, 'personId');
  const [resident, setResident] = useState<GridResidentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLoad(() => {
    if (!grid || !personId) return setError(errorText(locale, 'NOT_FOUND'));
    fetchResident(grid, personId).then(setResident, (err) => setError(errorText(locale, err instanceof ApiError ? err.code : 'default')));
  });

  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: GRID_PAGE });
  };

  return (
    <View className={pageClass}>
      <PageHeader title={t('grid.resident.title')} subtitle={t('grid.resident.audited')} />
      <Message error={error} />
      {resident ? (
        <View id='resident' data-person-id={resident.personId} data-color={resident.color}>
          <View className='card'>
            <View className='dependent-item__head'>
              <Text id='resident-name' className='dependent-item__name'>
                {resident.name}
              </Text>
              <ColorChip color={resident.color} className='resident-color' />
            </View>
            <Text className='dependent-item__note'>{t('grid.resident.grid', { grid: resident.grid.name ?? resident.grid.code })}</Text>
            <Text id='resident-checkin' className='dependent-item__note'>
              {checkinLine(resident.checkin, t)}
            </Text>
          </View>
          <View className='card'>
            <Text className='field__label'>{t('grid.resident.why')}</Text>
            {resident.reasons.map((r, i) => (
              <CodeReasonItem key={`${r.source}-${r.reasonCode}-${i}`} reason={r} />
            ))}
            <CodeSources sources={resident.sources} now={new Date()} />
          </View>
          <View className='card' id='resident-checkins'>
            <Text className='field__label'>{t('grid.resident.checkins')}</Text>
            {resident.recentCheckins.length === 0 ? <Text className='hint'>{t('grid.resident.noCheckins')}</Text> : null}
            {resident.recentCheckins.map((c) => (
              <View key={c.day} className='resident-checkin' data-day={c.day}>
                <View className='dependent-item__head'>
                  <Text className='dependent-item__relation'>{formatChinaDateTime(new Date(c.checkedInAt))}</Text>
                  <ColorChip color={c.color} />
                </View>
                <Text className='dependent-item__note'>
                  {c.reasons
                    .filter((code) => code !== 'CHECKIN_OK')
                    .map((code) => (isReasonCode(code) ? translate(locale, `reason.${code}.text`) : code))
                    .concat(c.byRelative ? [t('grid.resident.byRelative')] : [])
                    .join(locale === 'zh' ? '；' : '; ')}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      )}
      <Button id='resident-back' className='secondary' onClick={back}>
        {t('grid.resident.back')}
      </Button>
    </View>
  );
}
