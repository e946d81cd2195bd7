/** The home page. */
const zh = {
  'home.greeting': '您好，{name}',
  'home.name': '姓名',
  'home.idNumber': '身份证号',
  'home.phone': '手机号',
  'home.code': '我的健康码',
  'home.checkin': '每日打卡',
  'home.family': '家人代办',
  'home.scan': '扫码',
  'home.soon': '即将开放',
  'home.logout': '退出登录',
  'home.elder': '长辈模式',
  'home.scanner': '核验扫码',
  'home.grid': '网格工作台',
  'home.stats': '城市统计',
  'home.conversions': '转码审核',
  'home.places': '场所管理',
  'home.riskAreas': '风险地区',
  'home.marks': '赋码管理',
  'home.grants': '角色授权',
};

/** Every Chinese key, in English: a missing or extra key fails the type check. */
const en: Record<keyof typeof zh, string> = {
  'home.greeting': 'Hello, {name}',
  'home.name': 'Name',
  'home.idNumber': 'ID number',
  'home.phone': 'Phone',
  'home.code': 'My health code',
  'home.checkin': 'Daily check-in',
  'home.family': 'Family',
  'home.scan': 'Scan',
  'home.soon': 'Coming soon',
  'home.logout': 'Log out',
  'home.elder': 'Large text',
  'home.scanner': 'Scan visitors',
  'home.grid': 'Grid dashboard',
  'home.stats': 'City statistics',
  'home.conversions': 'Conversion requests',
  'home.places': 'Places',
  'home.riskAreas': 'Risk areas',
  'home.marks': 'Authority marks',
  'home.grants': 'Role grants',
};

export const home = { zh, en };
