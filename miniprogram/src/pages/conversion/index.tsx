import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Color } from '@yima/shared';
import { Chips } from '../../components/Chips';
import { ColorChip } from '../../components/ColorChip';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { decisionText, handlerText, statusText } from '../../conversionWords';
import { failureText } from '../../errorWords';
import { formatChinaDateTime } from '../../format';
import type { MessageKey } from '../../i18n/messages';
import { usePrefs } from '../../prefs';
import { codePage, dependentParam } from '../../routes';
import { fetchCode } from '../../services/code';
import { fileConversion, fetchConversions, type ConversionRequestView } from '../../services/conversions';
import { fetchDependentCode } from '../../services/dependents';

/** Quick reasons residents tap instead of typing (the most common mistakes at check-in). */
const QUICK: MessageKey[] = ['conversion.quick.wrongBox', 'conversion.quick.thermometer', 'conversion.quick.notThere'];

/**
 * 申请转码 (SPEC C8, decision 0022): a resident — or, with `dependentId`, their filer — asks for
 * a review of a yellow or red colour with a reason (quick choices, or their own words), and
 * follows their requests: status, who has it (their grid's community workers, a district's
 * authority, or the provincial hotline) and the decision with its reason. The form shows only
 * when the code answer says a request may be filed. Opened from the code page.
 */
export default function ConversionPage() {
  const { t, locale, pageClass } = usePrefs();
  const dependentId = dependentParam(useRouter().params);
  const [color, setColor] = useState<Color | null>(null);
  const [requestable, setRequestable] = useState(false);
  const [requests, setRequests] = useState<ConversionRequestView[] | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function load() {
    try {
      const [code, list] = await Promise.all([dependentId ? fetchDependentCode(dependentId) : fetchCode(), fetchConversions(dependentId)]);
      setColor(code.color);
      setRequestable(code.conversion?.requestable ?? false);
      setRequests(list);
      setError(null);
    } catch (err) {
      setError(failureText(locale, err));
    }
  }
  useDidShow(() => void load());

  async function submit() {
    if (reason.trim().length < 2) {
      setError(t('conversion.reasonTooShort'));
      return;
    }
    setBusy(true);
    try {
      await fileConversion(dependentId, reason.trim());
      setReason('');
      setNotice(t('conversion.submitted'));
      await load();
    } catch (err) {
      setError(failureText(locale, err));
    } finally {
      setBusy(false);
    }
  }

  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: codePage(dependentId) });
  };

  return (
    <View className={pageClass}>
      <PageHeader title={t('conversion.title')} subtitle={t(dependentId ? 'conversion.subtitle.dependent' : 'conversion.subtitle')} />
      <Message error={error} notice={notice} />
      {color ? (
        <View className='card conversion-now'>
          <Text className='field__label'>{t('conversion.now')}</Text>
          <ColorChip color={color} className='conversion-now__color' />
        </View>
      ) : null}
      {requestable ? (
        <View id='conversion-form' className='card'>
          <Text className='field__label'>{t('conversion.reason')}</Text>
          <Chips
            id='conversion-quick'
            options={QUICK.map((key, i) => ({ value: String(i), label: t(key) }))}
            selected={QUICK.map((key, i) => (t(key) === reason ? String(i) : '')).filter(Boolean)}
            onToggle={(v) => setReason(t(QUICK[Number(v)]))}
          />
          <Textarea
            id='conversion-reason'
            className='scanner__textarea conversion__reason'
            value={reason}
            maxlength={200}
            placeholder={t('conversion.reason.placeholder')}
            onInput={(e) => setReason(e.detail.value)}
          />
          <Button id='conversion-submit' className='primary' loading={busy || undefined} disabled={busy} onClick={() => void submit()}>
            {t('conversion.submit')}
          </Button>
        </View>
      ) : requests !== null ? (
        <Text id='conversion-not-requestable' className='hint'>
          {t('conversion.notRequestable')}
        </Text>
      ) : null}
      <Text className='field__label'>{t('conversion.list')}</Text>
      {requests === null ? (
        !error && <Text className='hint'>{t('common.loading')}</Text>
      ) : requests.length === 0 ? (
        <Text id='conversion-none' className='hint'>
          {t('conversion.none')}
        </Text>
      ) : (
        <View id='conversion-requests'>
          {requests.map((r) => (
            <View key={r.id} className='card conversion-request' data-id={r.id} data-status={r.status}>
              <View className='dependent-item__head'>
                <Text className='conversion-request__status'>{statusText(r, locale)}</Text>
                <Text className='hint'>{t('conversion.asked')}</Text>
                <ColorChip color={r.color} />
              </View>
              <Text className='hint'>{formatChinaDateTime(new Date(r.createdAt))}</Text>
              <Text className='conversion-request__reason'>{t('conversion.yourReason', { reason: r.reason })}</Text>
              {r.byRelative ? <Text className='hint'>{t('conversion.byRelative')}</Text> : null}
              <Text className='conversion-request__handler'>{handlerText(r, locale)}</Text>
              {r.decision ? <Text className='conversion-request__decision'>{decisionText(r, locale)}</Text> : null}
            </View>
          ))}
        </View>
      )}
      <Button id='conversion-back' className='secondary' onClick={back}>
        {t('conversion.back')}
      </Button>
    </View>
  );
}
