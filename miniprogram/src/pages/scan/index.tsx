import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Field } from '../../components/Field';
import { Message } from '../../components/Message';
import { PageHeader } from '../../components/PageHeader';
import { placeCodeFrom } from '../../placeCode';
import { usePrefs } from '../../prefs';
import { visitPage } from '../../routes';
import { scanPlaceCode } from '../../scanPlace';
import { hasCameraScan } from '../../platform/device';

/**
 * Entering a place code by hand (SPEC C6): H5 has no camera API, so the resident types the
 * 10-character code printed under the poster's QR, or pastes the poster's link. Mini-programs
 * also offer the camera here.
 */
export default function ScanPage() {
  const { t, pageClass } = usePrefs();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const go = () => {
    const code = placeCodeFrom(text);
    if (!code) {
      setError(t('scan.invalid'));
      return;
    }
    setError(null);
    void Taro.redirectTo({ url: visitPage(code) });
  };

  const camera = async () => {
    const outcome = await scanPlaceCode();
    if (outcome.kind === 'place') void Taro.redirectTo({ url: visitPage(outcome.code) });
    else if (outcome.kind === 'other') setError(t('scan.notPlace'));
  };

  return (
    <View className={pageClass}>
      <PageHeader title={t('scan.title')} />
      <View className='card'>
        <Text className='hint'>{t('scan.hint')}</Text>
        <Field id='place-code' label={t('scan.code')} value={text} maxlength={300} placeholder={t('scan.code.placeholder')} onChange={setText} />
        <Message error={error} />
        <Button id='place-go' className='primary' onClick={go}>
          {t('scan.go')}
        </Button>
        {!hasCameraScan ? null : (
          <Button id='place-camera' className='secondary' onClick={() => void camera()}>
            {t('scan.camera')}
          </Button>
        )}
      </View>
    </View>
  );
}
