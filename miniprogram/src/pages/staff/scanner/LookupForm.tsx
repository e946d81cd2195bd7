import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { usePrefs } from '../../../prefs';

/** For someone without a phone: ID number and name. `onLookup` resolves true when the
 * person was found (the fields then empty). */
export function LookupForm({ busy, onLookup }: { busy: boolean; onLookup: (idNumber: string, name: string) => Promise<boolean> }) {
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
      <Button id='lookup-submit' className='secondary' disabled={busy} onClick={() => void submit()}>
        {t('scanner.lookup.submit')}
      </Button>
    </View>
  );
}
