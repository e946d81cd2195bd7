import { ERROR_CODES, type ErrorCode } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../services/apiError';
import { failureText } from '../errorWords';
import { errorText } from './index';
import { messages } from './messages';

/** Codes no screen of the app can meet, and who does: they need no words in the app. */
const NOT_FOR_THE_APP: Partial<Record<ErrorCode, string>> = {
  MISSING_SIGNATURE: 'the provincial feed',
  UNKNOWN_FEED: 'the provincial feed',
  SIGNATURE_EXPIRED: 'the provincial feed',
  SIGNATURE_REPLAYED: 'the provincial feed',
  LENGTH_REQUIRED: 'the provincial feed',
  DIGEST_MISMATCH: 'the provincial feed',
  LENGTH_MISMATCH: 'the provincial feed',
  FEED_UPLOAD_IN_PROGRESS: 'the provincial feed',
  SPOOL_FULL: 'the provincial feed',
  INVALID_LINE: 'the provincial feed',
  LINE_TOO_LONG: 'the provincial feed',
  FUTURE_EFFECTIVE_AT: 'the provincial feed',
  FUTURE_SAMPLED_AT: 'the health-record feeds',
  FUTURE_REPORTED_AT: 'the health-record feeds',
  FUTURE_VACCINATION_DATE: 'the health-record feeds',
  REPORTED_BEFORE_SAMPLED: 'the health-record feeds',
};

describe('error wording', () => {
  it('when the BFF answers any error code a screen can meet, then the app words it in both languages', () => {
    const missing = ERROR_CODES.filter((code) => !NOT_FOR_THE_APP[code] && !(`error.${code}` in messages.zh));
    expect(missing).toEqual([]);
    // And the list of exceptions names only real codes that really have no words.
    for (const code of Object.keys(NOT_FOR_THE_APP)) {
      expect(ERROR_CODES).toContain(code);
      expect(`error.${code}` in messages.zh, code).toBe(false);
    }
  });

  it('when a request fails, then it is worded by its code — never by the BFF’s English message — with the wait of a 429', () => {
    const idProblem = new ApiError('INVALID_ID_NUMBER', 'idNumber check digit does not match; please check for a typo', 400);
    expect(failureText('zh', idProblem)).toBe('身份证号不正确');
    expect(failureText('en', new ApiError('TOO_MANY_ATTEMPTS', 'too many refused attempts', 429, 30))).toBe('Too many wrong attempts; try again in 30s');
    expect(failureText('zh', new ApiError('PLACE_CODE_EXPIRED', 'this place shows a changing code', 409))).toBe('场所码已更新，请重新扫描现场屏幕上的场所码');
  });

  it('when the code is one the app has no words for, then the BFF’s message is the last resort, else a generic line', () => {
    expect(failureText('zh', new ApiError('SOMETHING_NEW', 'a newer BFF refused this', 400))).toBe('出了点问题：a newer BFF refused this');
    expect(failureText('en', new ApiError('HTTP_502', '', 502))).toBe('Something went wrong; please try again');
    expect(failureText('en', new Error('boom'))).toBe('Something went wrong; please try again');
    expect(errorText('zh', 'NETWORK')).toBe('网络不通，请检查网络后重试');
  });
});
