/**
 * Every string the app shows, in Chinese and English, one file per feature in ./text/ (each
 * checks that its English covers every Chinese key). Error codes from the BFF map to
 * `error.<CODE>` so people read what went wrong in their language.
 */
import { checkin } from './text/checkin';
import { code } from './text/code';
import { common } from './text/common';
import { conversions } from './text/conversions';
import { errors } from './text/errors';
import { family } from './text/family';
import { grids } from './text/grids';
import { home } from './text/home';
import { login } from './text/login';
import { ops } from './text/ops';
import { places } from './text/places';
import { privacy } from './text/privacy';
import { reasons } from './text/reasons';
import { records } from './text/records';
import { register } from './text/register';
import { scanner } from './text/scanner';
import { stats } from './text/stats';

/** Each feature's texts, for the test that no key is defined by two features. */
export const messageGroups = {
  common,
  login,
  register,
  home,
  checkin,
  code,
  reasons,
  errors,
  scanner,
  family,
  places,
  grids,
  stats,
  conversions,
  ops,
  privacy,
  records,
};

const zh = {
  ...common.zh,
  ...login.zh,
  ...register.zh,
  ...home.zh,
  ...checkin.zh,
  ...code.zh,
  ...reasons.zh,
  ...errors.zh,
  ...scanner.zh,
  ...family.zh,
  ...places.zh,
  ...grids.zh,
  ...stats.zh,
  ...conversions.zh,
  ...ops.zh,
  ...privacy.zh,
  ...records.zh,
};
const en: Record<keyof typeof zh, string> = {
  ...common.en,
  ...login.en,
  ...register.en,
  ...home.en,
  ...checkin.en,
  ...code.en,
  ...reasons.en,
  ...errors.en,
  ...scanner.en,
  ...family.en,
  ...places.en,
  ...grids.en,
  ...stats.en,
  ...conversions.en,
  ...ops.en,
  ...privacy.en,
  ...records.en,
};

export type MessageKey = keyof typeof zh;
export const messages = { zh, en } as const;
