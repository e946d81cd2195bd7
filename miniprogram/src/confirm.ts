/** Asks before something that cannot be undone from the same screen (stop filing, remove a filer). */
import Taro from '@tarojs/taro';

/** True when the resident confirmed. Button texts stay within the 4 characters WeChat allows. */
export async function confirmAction(title: string, content: string, yes: string, no: string): Promise<boolean> {
  try {
    const { confirm } = await Taro.showModal({ title, content, confirmText: yes, cancelText: no, confirmColor: '#d4380d' });
    return confirm;
  } catch {
    return false;
  }
}
