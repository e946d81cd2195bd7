/** The privacy notice (PIPL art. 13(4), 17, 28; docs/decisions/0024): what is collected, why,
 * for how long, who sees it. Its version is PRIVACY_NOTICE_VERSION (shared/src/privacy.ts):
 * change a word here, change the version the same day, and everyone is asked again. */
const zh = {
  'privacy.title': '个人信息保护告知',
  'privacy.subtitle': '使用前请阅读：我们收集什么、为什么、保存多久、谁能看到',
  'privacy.version': '版本 {version}',
  'privacy.what.title': '我们收集的信息',
  'privacy.what.body':
    '手机号（登录）；姓名和身份证号（敏感个人信息，用于核验身份、生成健康码）；每日健康打卡（体温、症状、接触史、去过的地区、住址）；扫场所码或被扫码的记录（时间、场所，您允许时的位置）；您为家人代办时，家人的姓名、身份证号和打卡。',
  'privacy.why.title': '为什么收集',
  'privacy.why.body':
    '只用于疫情防控：生成和核验您的健康码、在出现病例时协助流行病学调查、社区跟进未打卡的居民。城市统计只用汇总数字，不含任何个人。不出售、不用于广告或其他目的。',
  'privacy.keep.title': '保存多久',
  'privacy.keep.body': '场所和扫码记录保存 28 天后自动删除；健康打卡和健康码颜色变化记录在疫情防控需要的期限内保存；统计只保留数字。',
  'privacy.who.title': '谁能看到',
  'privacy.who.body':
    '您本人，以及您同意为您代办的家人；场所工作人员扫码时只看到颜色和打码后的姓名；您所在社区的网格员看到打码后的信息，打开详情会记入您的记录；疾控等防控部门为防控目的查看。姓名、身份证号、手机号加密保存。',
  'privacy.rights.title': '您的权利',
  'privacy.rights.body': '在"为什么是这个颜色"页面可查看每一次颜色变化和谁查看过您的信息；对颜色有异议可申请转码；其他问题请拨打 12345。',
  'privacy.accept': '同意并继续',
  'privacy.decline': '不同意',
  'privacy.declined': '不同意则无法使用健康码。您可以随时重新登录后同意。',
};

/** Every Chinese key, in English: a missing or extra key fails the type check. */
const en: Record<keyof typeof zh, string> = {
  'privacy.title': 'Your personal information',
  'privacy.subtitle': 'Please read before you start: what we collect, why, for how long, and who sees it',
  'privacy.version': 'Version {version}',
  'privacy.what.title': 'What we collect',
  'privacy.what.body':
    'Your mobile number (to log in); your name and ID number (sensitive personal information, to verify who you are and issue your code); your daily health check-ins (temperature, symptoms, contacts, areas visited, address); the places you scan or where your code is scanned (time, place, and location if you allow it); and, when you file for relatives, their names, ID numbers and check-ins.',
  'privacy.why.title': 'Why',
  'privacy.why.body':
    'For epidemic control only: to issue and verify your code, to help contact tracing when there is a case, and for your community to follow up on missed check-ins. City statistics use totals only, never a person. Nothing is sold or used for advertising or anything else.',
  'privacy.keep.title': 'How long we keep it',
  'privacy.keep.body':
    'Place and scan records are deleted automatically after 28 days; check-ins and the history of your code’s colour are kept for as long as epidemic control requires; statistics keep numbers only.',
  'privacy.who.title': 'Who sees it',
  'privacy.who.body':
    'You, and relatives you allow to file for you; staff scanning your code see only its colour and your masked name; your community’s workers see masked details, and opening yours is recorded in your history; health authorities, for epidemic control. Names, ID numbers and phone numbers are stored encrypted.',
  'privacy.rights.title': 'Your rights',
  'privacy.rights.body':
    'The "Why this colour" page shows every change of your colour and who looked at your record; if you think your colour is wrong you can ask for a review; for anything else call 12345.',
  'privacy.accept': 'Agree and continue',
  'privacy.decline': 'Disagree',
  'privacy.declined': 'Without your agreement the health code cannot be used. Log in again any time to agree.',
};

export const privacy = { zh, en };
