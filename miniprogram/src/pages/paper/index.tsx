import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { QrCode } from '../../components/QrCode';
import { CODE_COLORS } from '../../constants';
import { formatChinaDateTime } from '../../format';
import { errorText, translate } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import '../../platform/printStyles';
import { usePrefs } from '../../prefs';
import { shownRelationValue } from '../../relationLabels';
import { codePage, dependentParam } from '../../routes';
import { issuePaperCode, type PaperCodeView } from '../../services/paper';
import { ApiError } from '../../services/request';

/** The printed card is read by gate staff: it is in Chinese whatever the app's language. */
const onPaper = (key: MessageKey, params?: Record<string, string | number>) => translate('zh', key, params);

/**
 * A paper code (SPEC C5) for someone without a phone — a relative (`dependentId`) or the
 * resident: opening the page issues a new one (which voids the previous paper) and lays it
 * out as an A6 card (105 × 148 mm): title, masked name, colour at issue, a large QR, valid
 * until (China time), who filed it, and how to use it. H5 prints it; mini-programs cannot
 * print, so they ask for a screenshot.
 */
export default function PaperPage() {
  const { t, locale, pageClass } = usePrefs();
  const dependentId = dependentParam(useRouter().params);
  const [paper, setPaper] = useState<PaperCodeView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function issue() {
    setBusy(true);
    setError(null);
    try {
      setPaper(await issuePaperCode(dependentId));
    } catch (err) {
      setError(errorText(locale, err instanceof ApiError ? err.code : 'default'));
    } finally {
      setBusy(false);
    }
  }
  useLoad(() => void issue());

  function print() {
    if (process.env.TARO_ENV === 'h5') {
      window.print();
      return;
    }
    void Taro.showModal({ title: t('paper.print'), content: t('paper.saveHint'), showCancel: false }).catch(() => undefined);
  }
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: codePage(dependentId) });
  };

  return (
    <View className={`${pageClass} paper-page`}>
      <View className='no-print'>
        <PageHeader title={t('code.paperCode')} />
        <Message error={error} notice={paper ? t('paper.hint') : null} />
      </View>
      {paper ? (
        <View id='paper' className='paper' data-paper-id={paper.id} data-color={paper.color}>
          <Text id='paper-title' className='paper__title'>{onPaper('paper.title')}</Text>
          <Text id='paper-name' className='paper__name'>{paper.holder.name}</Text>
          <View id='paper-color' className='paper__color' data-color={paper.color}>
            <Text className='paper__color-label'>{onPaper('paper.colorAtIssue')}</Text>
            <View className='paper__chip' style={{ borderColor: CODE_COLORS[paper.color] }}>
              <View className='paper__swatch' style={{ background: CODE_COLORS[paper.color] }} />
              <Text className='paper__color-name' style={{ color: CODE_COLORS[paper.color] }}>{onPaper(`code.color.${paper.color}` as MessageKey)}</Text>
            </View>
          </View>
          <View className='paper__qr'>
            <QrCode id='paper-qr' text={paper.qr} color={CODE_COLORS[paper.color]} size={230} />
          </View>
          <Text id='paper-valid-until' className='paper__valid'>{onPaper('paper.validUntil', { time: formatChinaDateTime(new Date(paper.validUntil)) })}</Text>
          <Text id='paper-issued-at' className='paper__issued'>{onPaper('paper.issuedAt', { time: formatChinaDateTime(new Date(paper.issuedAt)) })}</Text>
          {paper.filedBy ? (
            <Text id='paper-filed-by' className='paper__filed-by'>{onPaper('paper.filedBy', { name: paper.filedBy.name, relation: shownRelationValue(paper.filedBy.relation, 'zh') })}</Text>
          ) : null}
          <Text id='paper-instructions' className='paper__instructions'>{onPaper('paper.instructions')}</Text>
        </View>
      ) : (
        !error && <Text className='hint no-print'>{t('paper.issuing')}</Text>
      )}
      <View className='no-print paper-actions'>
        {paper ? <Button id='paper-print' className='primary' onClick={print}>{t('paper.print')}</Button> : null}
        {error ? <Button id='paper-retry' className='secondary' loading={busy || undefined} onClick={() => {
              if (!busy) void issue();
            }}>{t('paper.retry')}</Button> : null}
        <Button id='paper-back' className='secondary' onClick={back}>{t('common.back')}</Button>
      </View>
    </View>
  );
}
