import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { usePrefs } from '../../../prefs';

/** For someone without a phone: ID number and name. `onLookup` resolves true when the
 * person was found (the fields then empty). When nobody was found, `notFound` says so here,
 * beside the fields the guard just typed into (not at the top of the page), and the form to
 * record the visitor follows (UnregisteredForm). */
export function LookupForm({
  busy,
  notFound,
  onLookup,
  onRecordInstead,
}: {
  busy: boolean;
  notFound: boolean;
  onLookup: (idNumber: string, name: string) => Promise<boolean>;
  /** Opens the form to record a visitor who is not registered. Absent while it is open. */
  onRecordInstead?: () => void;
}) {
  const { t } = usePrefs();
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const submit = async () => {
    if (!(await onLookup(idNumber, name))) return;
    setIdNumber('');
    setName('');
  };
  return (
    <View className='card'>
      <Text className='scanner__section'>{t('scanner.lookup')}</Text>
      <Text className='hint'>{t('scanner.lookup.hint')}</Text>
      <Field
        id='lookup-id'
        label={t('register.idNumber')}
        value={idNumber}
        type='idcard'
        maxlength={18}
        placeholder={t('register.idNumber.placeholder')}
        onChange={setIdNumber}
      />
      <Field id='lookup-name' label={t('register.name')} value={name} maxlength={30} placeholder={t('register.name.placeholder')} onChange={setName} />
      <Button id='lookup-submit' className='secondary' disabled={busy ? true : undefined} onClick={() => void submit()}>
        {t('scanner.lookup.submit')}
      </Button>
      {notFound ? (
        <Text id='lookup-not-found' className='message message--error' aria-live='assertive'>
          {t('scanner.lookup.notFoundHere')}
        </Text>
      ) : null}
      {onRecordInstead ? (
        <Text id='unregistered-open' className='link-button' onClick={onRecordInstead}>
          {t('scanner.unregistered.open')}
        </Text>
      ) : null}
    </View>
  );
}
