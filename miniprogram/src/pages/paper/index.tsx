import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { QrCode } from '../../components/QrCode';
import { CODE_COLORS } from '../../constants';
import { formatChinaDateTime } from '../../format';
import { failureText } from '../../errorWords';
import { translate } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import '../../platform/printStyles';
import { usePrefs } from '../../prefs';
import { filedByWords } from '../../relationLabels';
import { codePage, dependentParam } from '../../routes';
import { confirmAction } from '../../confirm';
import { fetchCurrentPaperCode, issuePaperCode, type PaperCodeView } from '../../services/paper';
import { ApiError } from '../../services/request';
import { printPage } from '../../platform/device';

/** The printed card is read by gate staff: it is in Chinese whatever the app's language. */
const onPaper = (key: MessageKey, params?: Record<string, string | number>) => translate('zh', key, params);

/**
 * A paper code (SPEC C5) for someone without a phone — a relative (`dependentId`) or the
 * resident — laid out as an A6 card (105 × 148 mm): title, masked name, colour at issue, a
 * large QR, valid until (China time), who filed it, and how to use it. Opening the page shows
 * the valid code and never issues one (issue 10: it used to void the card the family had
 * printed); it offers to issue only when there is none. Reissuing is its own button, and its
 * confirmation says the printed card stops working. H5 prints; mini-programs cannot print, so
 * they ask for a screenshot.
 */
export default function PaperPage() {
  const { t, locale, pageClass } = usePrefs();
  const dependentId = dependentParam(useRouter().params);
  /** undefined while loading; null when the holder has no valid paper code. */
  const [paper, setPaper] = useState<PaperCodeView | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const fail = (err: unknown) => setError(failureText(locale, err));

  async function load() {
    setError(null);
    try {
      setPaper(await fetchCurrentPaperCode(dependentId));
    } catch (err) {
      fail(err);
    }
  }
  useLoad(() => void load());

  async function issue(replace: boolean) {
    if (busy) return;
    if (replace && !(await confirmAction(t('paper.reissue'), t('paper.reissue.confirm'), t('common.yes'), t('common.no')))) return;
    setBusy(true);
    setError(null);
    try {
      setPaper(await issuePaperCode(dependentId, replace));
      setNotice(t(replace ? 'paper.reissued' : 'paper.issued'));
    } catch (err) {
      // Someone else in the family issued one meanwhile: show theirs rather than replace it.
      if (err instanceof ApiError && err.code === 'PAPER_CODE_EXISTS') {
        await load();
        setNotice(t('paper.alreadyIssued'));
      } else fail(err);
    } finally {
      setBusy(false);
    }
  }

  function print() {
    if (printPage()) return;
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
        <Message error={error} notice={notice} />
      </View>
      {paper ? (
        <View id='paper' className='paper' data-paper-id={paper.id} data-color={paper.color}>
          <Text id='paper-title' className='paper__title'>
            {onPaper('paper.title')}
          </Text>
          <Text id='paper-name' className='paper__name'>
            {paper.holder.name}
          </Text>
          <View id='paper-color' className='paper__color' data-color={paper.color}>
            <Text className='paper__color-label'>{onPaper('paper.colorAtIssue')}</Text>
            <View className='paper__chip' style={{ borderColor: CODE_COLORS[paper.color] }}>
              <View className='paper__swatch' style={{ background: CODE_COLORS[paper.color] }} />
              <Text className='paper__color-name' style={{ color: CODE_COLORS[paper.color] }}>
                {onPaper(`code.color.${paper.color}` as MessageKey)}
              </Text>
            </View>
          </View>
          <View className='paper__qr'>
            <QrCode id='paper-qr' text={paper.qr} color={CODE_COLORS[paper.color]} size={230} />
          </View>
          <Text id='paper-valid-until' className='paper__valid'>
            {onPaper('paper.validUntil', { time: formatChinaDateTime(new Date(paper.validUntil)) })}
          </Text>
          <Text id='paper-issued-at' className='paper__issued'>
            {onPaper('paper.issuedAt', { time: formatChinaDateTime(new Date(paper.issuedAt)) })}
          </Text>
          {paper.filedBy ? (
            <Text id='paper-filed-by' className='paper__filed-by'>
              {filedByWords(paper.filedBy, 'zh')}
            </Text>
          ) : null}
          <Text id='paper-instructions' className='paper__instructions'>
            {onPaper('paper.instructions')}
          </Text>
        </View>
      ) : paper === null ? (
        <Text id='paper-none' className='hint no-print'>
          {t('paper.none')}
        </Text>
      ) : (
        !error && <Text className='hint no-print'>{t('common.loading')}</Text>
      )}
      <View className='no-print paper-actions'>
        {paper ? (
          <Button id='paper-print' className='primary' onClick={print}>
            {t('paper.print')}
          </Button>
        ) : null}
        {paper === null ? (
          <Button id='paper-issue' className='primary' loading={busy || undefined} onClick={() => void issue(false)}>
            {t('paper.issue')}
          </Button>
        ) : null}
        {paper ? (
          <Button id='paper-reissue' className='secondary' loading={busy || undefined} onClick={() => void issue(true)}>
            {t('paper.reissue')}
          </Button>
        ) : null}
        {error && paper === undefined ? (
          <Button id='paper-retry' className='secondary' onClick={() => void load()}>
            {t('paper.retry')}
          </Button>
        ) : null}
        <Button id='paper-back' className='secondary' onClick={back}>
          {t('common.back')}
        </Button>
      </View>
    </View>
  );
}
