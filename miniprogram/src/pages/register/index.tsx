import { View, Text } from '@tarojs/components';
import { maskName } from '@yima/shared';

export default function Page() {
  return <View><Text>register {maskName('张小三')}</Text></View>;
}
