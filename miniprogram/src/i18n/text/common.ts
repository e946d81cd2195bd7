/** Shared by every page: the app name, the language switch, buttons. */
const zh = {
  'app.title': '一码通行',
  'lang.switch': 'English',
  'common.submit': '提交',
  'common.loading': '加载中…',
  'common.yes': '确定',
  'common.no': '取消',
  'common.back': '返回',
};

/** Every Chinese key, in English: a missing or extra key fails the type check. */
const en: Record<keyof typeof zh, string> = {
  'app.title': 'Yima',
  'lang.switch': '中文',
  'common.submit': 'Submit',
  'common.loading': 'Loading…',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.back': 'Back',
};

export const common = { zh, en };
