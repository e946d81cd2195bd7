import { Text, View } from '@tarojs/components';
import { usePrefs } from '../prefs';

/** Title, optional subtitle and the language switch every page carries. */
export function PageHeader({ title, subtitle }: { title: string; subtitle?: string }) {
  const { t, toggleLocale } = usePrefs();
  return (
    <View className='header'>
      <View className='header__top'>
        <Text className='header__title'>{title}</Text>
        <Text id='lang-switch' className='header__lang' onClick={toggleLocale}>
          {t('lang.switch')}
        </Text>
      </View>
      {subtitle ? <Text className='header__subtitle'>{subtitle}</Text> : null}
    </View>
  );
}
