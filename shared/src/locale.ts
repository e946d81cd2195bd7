/** Languages the product speaks (SPEC: Chinese and English at least). */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
