/** Real-name registration and its face check. */
const zh = {
  'register.title': '实名注册',
  'register.hint': '请填写本人身份证上的姓名和号码。信息加密保存，页面只显示部分内容。',
  'register.name': '姓名',
  'register.name.placeholder': '与身份证一致',
  'register.idNumber': '身份证号',
  'register.idNumber.placeholder': '18 位，末位可为 X',
  'register.submit': '完成注册',
  'register.invalid.name': '姓名应为 2–30 个汉字或字母',
  'register.invalid.format': '身份证号应为 18 位：17 位数字加最后一位数字或 X',
  'register.invalid.region': '身份证号开头的地区码不正确',
  'register.invalid.birthDate': '身份证号中的出生日期不正确',
  'register.invalid.checkDigit': '身份证号校验位不符，请检查是否输错',
  'register.verify.hint': '该身份证号已有档案（家人代办或卫生部门登记）。请完成刷脸实名核验，核验通过后即可查看本人健康码和全部记录。',
  'register.verify.submit': '刷脸核验身份',
  'register.verify.cancelled': '未完成刷脸核验，可以再试一次',
};

/** Every Chinese key, in English: a missing or extra key fails the type check. */
const en: Record<keyof typeof zh, string> = {
  'register.title': 'Real-name registration',
  'register.hint': 'Enter your name and ID number as on your ID card. They are stored encrypted and shown only in part.',
  'register.name': 'Name',
  'register.name.placeholder': 'As on your ID card',
  'register.idNumber': 'ID number',
  'register.idNumber.placeholder': '18 characters, may end in X',
  'register.submit': 'Register',
  'register.invalid.name': 'Name must be 2–30 Chinese characters or letters',
  'register.invalid.format': 'ID number must be 18 characters: 17 digits and a final digit or X',
  'register.invalid.region': 'The region code at the start of the ID number is wrong',
  'register.invalid.birthDate': 'The date of birth in the ID number is wrong',
  'register.invalid.checkDigit': 'The ID number check digit does not match; please check for a typo',
  'register.verify.hint':
    'This ID number already has a record (filed by family or by the health authorities). Verify your identity by face to see your code and your whole record.',
  'register.verify.submit': 'Verify by face',
  'register.verify.cancelled': 'The face check was not finished; you can try again',
};

export const register = { zh, en };
