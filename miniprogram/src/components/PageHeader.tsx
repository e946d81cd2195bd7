import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { needsBackLink } from '../platform/device';
import { usePrefs } from '../prefs';
import { HOME_PAGE } from '../routes';

/** Back to the page before; a page opened directly (a link, a reload) has none before it in
 * this app, so home. */
function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: HOME_PAGE });
}

/**
 * Title, optional subtitle and the language switch every page carries; in the H5 build (no
 * navigation bar of the platform's) a back link above them, but on the pages that have nowhere
 * to go back to (`back={false}`: home, login).
 */
export function PageHeader({
  title,
  subtitle,
  back = true,
  titleId,
  subtitleId,
}: {
  title: string;
  subtitle?: string;
  back?: boolean;
  /** Element ids, for pages whose tests read the title or subtitle. */
  titleId?: string;
  subtitleId?: string;
}) {
  const { t, toggleLocale } = usePrefs();
  return (
    <View className='header'>
      {needsBackLink && back ? (
        <Text id='back' className='header__back' onClick={goBack}>
          {`‹ ${t('common.back')}`}
        </Text>
      ) : null}
      <View className='header__top'>
        <Text id={titleId} className='header__title'>
          {title}
        </Text>
        <Text id='lang-switch' className='header__lang' onClick={toggleLocale}>
          {t('lang.switch')}
        </Text>
      </View>
      {subtitle ? (
        <Text id={subtitleId} className='header__subtitle'>
          {subtitle}
        </Text>
      ) : null}
    </View>
  );
}
