import { Button, Text, Textarea, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ColorChip } from '../../../components/ColorChip';
import { Message } from '../../../components/Message';
import { PageHeader } from '../../../components/PageHeader';
import { failureText } from '../../../errorWords';
import { formatChinaDateTime } from '../../../format';
import { usePrefs } from '../../../prefs';
import { decideConversion, fetchInbox, type ConversionInboxItem, type ConversionRequestView } from '../../../services/conversions';

/** A decision's reason: what was checked and why (the contract's minimum). */
const MIN_REASON = 4;

/**
 * The handlers' inbox (转码审核, decision 0022): the conversion requests waiting for this
 * account — a community worker's grids, an authority's districts — oldest first, with the
 * person's masked name, their colour now and when asked, their reason and grid; approve or
 * reject, each with a mandatory reason (shown to the person, in their history). In the ops
 * subpackage: residents never download it. Reached from home when GET /api/ops/pages names it.
 */
export default function ConversionInboxPage() {
  const { t, locale, pageClass } = usePrefs();
  const [items, setItems] = useState<ConversionInboxItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function load(more: string | null) {
    try {
      const page = await fetchInbox(more);
      setItems((shown) => (more && shown ? [...shown, ...page.requests] : page.requests));
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(failureText(locale, err));
    }
  }
  useDidShow(() => void load(null));

  const doneText = (r: ConversionRequestView) =>
    t(`opsConversions.done.${r.status === 'pending' ? 'approved' : r.status}` as 'opsConversions.done.approved', { district: r.handler.district ?? '' });

  async function decide(item: ConversionInboxItem, approve: boolean) {
    const reason = (reasons[item.id] ?? '').trim();
    if (reason.length < MIN_REASON) {
      setError(t('opsConversions.reasonRequired'));
      return;
    }
    setBusy(item.id);
    try {
      const after = await decideConversion(item.id, approve, reason);
      setNotice(doneText(after));
      setError(null);
      setItems((shown) => (shown ?? []).filter((x) => x.id !== item.id));
    } catch (err) {
      setError(failureText(locale, err));
      await load(null);
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className={pageClass}>
      <PageHeader title={t('opsConversions.title')} subtitle={t('opsConversions.subtitle')} />
      <Message error={error} notice={notice} />
      {items === null ? (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      ) : items.length === 0 ? (
        <Text id='inbox-empty' className='hint'>
          {t('opsConversions.empty')}
        </Text>
      ) : (
        <View id='inbox'>
          {items.map((r) => (
            <View key={r.id} id={`inbox-${r.id}`} className='card inbox-item' data-id={r.id} data-status={r.status} data-color={r.colorNow}>
              <View className='dependent-item__head'>
                <Text className='dependent-item__name inbox-name'>{r.name}</Text>
                <Text className='hint'>{t('opsConversions.colorNow')}</Text>
                <ColorChip color={r.colorNow} className='inbox-color' />
              </View>
              <Text className='hint'>{formatChinaDateTime(new Date(r.createdAt))}</Text>
              <Text className='inbox-reason'>{t('opsConversions.reason', { reason: r.reason })}</Text>
              {r.handler.grid ? (
                <Text className='hint inbox-grid'>{t('opsConversions.grid', { grid: r.handler.grid.name ?? r.handler.grid.code })}</Text>
              ) : null}
              {r.handler.district ? <Text className='hint inbox-grid'>{t('opsConversions.district', { district: r.handler.district })}</Text> : null}
              <Text className='field__label'>{t('opsConversions.decisionReason')}</Text>
              <Textarea
                id={`decision-reason-${r.id}`}
                className='scanner__textarea decision-reason'
                value={reasons[r.id] ?? ''}
                maxlength={200}
                placeholder={t('opsConversions.decisionPlaceholder')}
                onInput={(e) => setReasons((all) => ({ ...all, [r.id]: e.detail.value }))}
              />
              <Button
                id={`approve-${r.id}`}
                className='primary'
                loading={busy === r.id || undefined}
                disabled={busy !== null ? true : undefined}
                onClick={() => void decide(r, true)}
              >
                {t('opsConversions.approve')}
              </Button>
              <Button id={`reject-${r.id}`} className='secondary' disabled={busy !== null ? true : undefined} onClick={() => void decide(r, false)}>
                {t('opsConversions.reject')}
              </Button>
            </View>
          ))}
        </View>
      )}
      {cursor ? (
        <Button id='inbox-more' className='secondary' onClick={() => void load(cursor)}>
          {t('opsConversions.more')}
        </Button>
      ) : null}
    </View>
  );
}
