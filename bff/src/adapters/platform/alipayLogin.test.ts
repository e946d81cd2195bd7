import { describe, expect, it } from 'vitest';
import { alipaySignContent, extractSignedNode } from './alipayLogin';

describe('Alipay signing helpers', () => {
  it('when params are signed, then they are sorted, empty ones and sign are left out', () => {
    expect(alipaySignContent({ method: 'm', app_id: '1', sign: 'x', empty: '', charset: 'utf-8' })).toBe('app_id=1&charset=utf-8&method=m');
  });

  it('when a response is verified, then the signed text is the node exactly as sent', () => {
    const node = '{"user_id":"2088","access_token":"a b","nested":{"k":"}"}}';
    const body = `{"alipay_system_oauth_token_response":${node},"sign":"abc=="}`;
    expect(extractSignedNode(body, 'alipay_system_oauth_token_response')).toBe(node);
  });

  it('when there is no sign or no node, then nothing is extracted', () => {
    expect(extractSignedNode('{"alipay_system_oauth_token_response":{"a":1}}', 'alipay_system_oauth_token_response')).toBeNull();
    expect(extractSignedNode('{"other":{"a":1},"sign":"x"}', 'alipay_system_oauth_token_response')).toBeNull();
  });
});
