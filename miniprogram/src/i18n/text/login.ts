/** The login page: SMS code, simple login, one-tap platform login. */
const zh = {
  'login.title': '登录',
  'login.subtitle': '城市健康码 · 一人一码',
  'login.tab.sms': '短信验证码',
  'login.tab.simple': '简易登录',
  'login.phone': '手机号',
  'login.phone.placeholder': '请输入 11 位手机号',
  'login.code': '验证码',
  'login.code.placeholder': '6 位数字',
  'login.getCode': '获取验证码',
  'login.resendIn': '{s} 秒后重发',
  'login.codeSent': '验证码已发送，5 分钟内有效',
  'login.submit': '登录',
  'login.idLast4': '身份证号后 4 位',
  'login.idLast4.placeholder': '例如 002X',
  'login.simple.hint': '已实名注册的用户，可用手机号和身份证号后 4 位登录，无需短信。',
  'login.platform.wechat': '微信一键登录',
  'login.platform.alipay': '支付宝一键登录',
  'login.linkRequired': '首次使用，请用短信验证码验证手机号，以后可一键登录。',
  'login.busy': '短信通道繁忙，已为您切换到简易登录。',
};

/** Every Chinese key, in English: a missing or extra key fails the type check. */
const en: Record<keyof typeof zh, string> = {
  'login.title': 'Log in',
  'login.subtitle': 'City health code · one code per person',
  'login.tab.sms': 'SMS code',
  'login.tab.simple': 'Simple login',
  'login.phone': 'Phone',
  'login.phone.placeholder': '11-digit mobile number',
  'login.code': 'Code',
  'login.code.placeholder': '6 digits',
  'login.getCode': 'Get code',
  'login.resendIn': 'Resend in {s}s',
  'login.codeSent': 'Code sent, valid for 5 minutes',
  'login.submit': 'Log in',
  'login.idLast4': 'Last 4 of ID number',
  'login.idLast4.placeholder': 'e.g. 002X',
  'login.simple.hint': 'Registered residents can log in with their phone and the last 4 characters of their ID number, without SMS.',
  'login.platform.wechat': 'Log in with WeChat',
  'login.platform.alipay': 'Log in with Alipay',
  'login.linkRequired': 'First time here: verify your phone by SMS once; next time one tap will do.',
  'login.busy': 'SMS is busy right now, so we switched you to simple login.',
};

export const login = { zh, en };
