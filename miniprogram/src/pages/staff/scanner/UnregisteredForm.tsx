import { Button, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { UnregisteredVisit } from '@yima/shared';
import { Field } from '../../../components/Field';
import { formatChinaDateTime } from '../../../format';
import { usePrefs } from '../../../prefs';

export interface Visitor {
  name: string;
  idNumber: string;
  phone: string;
  note: string;
}

/**
 * The digital line of the gate's visitor book (issue 13, decision 0025): someone the ID lookup
 * did not find — not registered, or the name does not match — is recorded, never turned away.
 * Prefilled with what the guard typed into the lookup; `onRecord` resolves true once stored
 * (the fields then empty). The confirmation shows what was stored, masked.
 */
export function UnregisteredForm({
  busy,
  prefill,
  recorded,
  error,
  onRecord,
}: {
  busy: boolean;
  prefill: { idNumber: string; name: string } | null;
  recorded: UnregisteredVisit | null;
  error: string | null;
  onRecord: (visitor: Visitor) => Promise<boolean>;
}) {
  const { t } = usePrefs();
  const [name, setName] = useState(prefill?.name ?? '');
  const [idNumber, setIdNumber] = useState(prefill?.idNumber ?? '');
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!prefill) return;
    setName(prefill.name);
    setIdNumber(prefill.idNumber);
  }, [prefill]);

  const submit = async () => {
    if (!(await onRecord({ name, idNumber, phone, note }))) return;
    setName('');
    setIdNumber('');
    setPhone('');
    setNote('');
  };

  return (
    <View id='unregistered-form' className='card unregistered'>
      <Text className='scanner__section'>{t('scanner.unregistered')}</Text>
      <Text className='hint'>{t('scanner.unregistered.hint')}</Text>
      {recorded ? (
        <View id='unregistered-result' className='message unregistered__done' aria-live='polite'>
          <Text className='unregistered__done-title'>{t('scanner.unregistered.done')}</Text>
          <Text className='unregistered__done-detail'>
            {t('scanner.unregistered.doneDetail', {
              name: recorded.holder.name,
              idNumber: recorded.idNumber,
              phone: recorded.phone,
              time: formatChinaDateTime(new Date(recorded.at)),
            })}
          </Text>
        </View>
      ) : null}
      <Field id='unregistered-name' label={t('register.name')} value={name} maxlength={30} placeholder={t('register.name.placeholder')} onChange={setName} />
      <Field
        id='unregistered-id'
        label={t('register.idNumber')}
        value={idNumber}
        type='idcard'
        maxlength={18}
        placeholder={t('register.idNumber.placeholder')}
        onChange={setIdNumber}
      />
      <Field
        id='unregistered-phone'
        label={t('scanner.unregistered.phone')}
        value={phone}
        type='number'
        maxlength={11}
        placeholder={t('scanner.unregistered.phone.placeholder')}
        onChange={setPhone}
      />
      <Text className='field__label'>{t('scanner.unregistered.note')}</Text>
      <Textarea
        id='unregistered-note'
        className='scanner__textarea'
        value={note}
        maxlength={200}
        placeholder={t('scanner.unregistered.note.placeholder')}
        onInput={(e) => setNote(e.detail.value)}
      />
      {error ? (
        <Text id='unregistered-error' className='message message--error' aria-live='assertive'>
          {error}
        </Text>
      ) : null}
      <Button id='unregistered-submit' className='primary' loading={busy || undefined} disabled={busy ? true : undefined} onClick={() => void submit()}>
        {t('scanner.unregistered.submit')}
      </Button>
    </View>
  );
}
