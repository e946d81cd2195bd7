/** The login SMS as the outbox shows it; the real provider sends the same through its
 * approved template (code and minutes as parameters). */
export function loginCodeText(code: string, validMinutes: number): string {
  return `【一码通行】验证码 ${code}，${validMinutes} 分钟内有效，请勿告诉他人。Yima code ${code}, valid ${validMinutes} min.`;
}
