import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reportedMatches } from './realNameProvider';
import { tc3Authorization } from './tc3';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const subject = { name: '张小三', idNumber: '11010519491231002X' };

describe('reportedMatches', () => {
  it('when the provider reports the same name and ID in clear (x in either case), then it matches', () => {
    expect(reportedMatches({ kind: 'plain', name: '张小三', idNumber: '11010519491231002x' }, subject)).toBe(true);
  });

  it('when the name or the ID number differs, then it does not', () => {
    expect(reportedMatches({ kind: 'plain', name: '张小二', idNumber: subject.idNumber }, subject)).toBe(false);
    expect(reportedMatches({ kind: 'plain', name: subject.name, idNumber: '110105194912310011' }, subject)).toBe(false);
  });

  it('when WeChat reports digests, then they are compared with the digests of the subject (hex in any case)', () => {
    expect(reportedMatches({ kind: 'md5', nameMd5: md5('张小三').toUpperCase(), idNumberMd5: md5(subject.idNumber) }, subject)).toBe(true);
    expect(reportedMatches({ kind: 'md5', nameMd5: md5('坏人甲'), idNumberMd5: md5(subject.idNumber) }, subject)).toBe(false);
  });
});

describe('tc3Authorization', () => {
  const base = { secretId: 'AKID', secretKey: 'key', service: 'faceid', host: 'faceid.tencentcloudapi.com', payload: '{"a":1}', timestamp: 1700000000 };

  it('when signing, then the credential scope carries the UTC date and service, and the headers signed', () => {
    expect(tc3Authorization(base)).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKID\/2023-11-14\/faceid\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
  });

  it('when the payload, host, key or time differ, then so does the signature', () => {
    const sig = tc3Authorization(base);
    for (const change of [{ payload: '{"a":2}' }, { host: 'evil.example' }, { secretKey: 'other' }, { timestamp: 1700000001 }])
      expect(tc3Authorization({ ...base, ...change })).not.toBe(sig);
  });
});
