/**
 * The privacy notice in force (PIPL art. 13(4), 17, 28; docs/decisions/0024-privacy-consent.md):
 * its text lives in the app (i18n `privacy.*`), its version here, shared by the app (which asks
 * again when the version a person accepted is not this one) and the BFF (which records only
 * acceptances of this version). Change the text → change the version, the same day.
 */
export const PRIVACY_NOTICE_VERSION = '2026-11-26';

/** Whether a person who accepted `accepted` (null: never) must be shown the notice. */
export const privacyConsentNeeded = (accepted: string | null): boolean => accepted !== PRIVACY_NOTICE_VERSION;
