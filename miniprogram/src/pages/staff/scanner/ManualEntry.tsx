import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { usePrefs } from '../../../prefs';

/** Pasting a code's decoded text: works everywhere, and is the only way in H5. `onSubmit`
 * resolves true when the text was used (the field then empties). */
export function ManualEntry({ busy, onSubmit }: { busy: boolean; onSubmit: (text: string) => Promise<boolean> }) {
  const { t } = usePrefs();
  const [text, setText] = useState('');
  const submit = async () => {
    if (await onSubmit(text)) setText('');
  };
  return (
    <View className='card'>
      <Text className='field__label'>{t('scanner.manual')}</Text>
      <Textarea
        id='scan-input'
        className='scanner__textarea'
        value={text}
        maxlength={400}
        placeholder={t('scanner.manual.placeholder')}
        onInput={(e) => setText(e.detail.value)}
      />
      <Button id='scan-submit' className='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        {t('scanner.submit')}
      </Button>
    </View>
  );
}
