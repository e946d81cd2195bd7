'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, a dependency of luca's backend */
/*
 * Stand-in for @lucaapp/crypto@1.0.3, which is no longer on the npm registry. It provides the
 * names luca_webserver (commit 49b7087) imports, on node:crypto, so that its backend loads and
 * its operator routes work. It is not luca's library: the encodings follow their names (hex,
 * base64, big-endian int32), the signatures use P-256 with SHA-256. The check-in route that
 * Yima's benchmark measures calls none of these functions.
 */
const crypto = require('crypto');

const hexToBase64 = (hex) => Buffer.from(hex, 'hex').toString('base64');
const base64ToHex = (b64) => Buffer.from(b64, 'base64').toString('hex');
const uuidToHex = (uuid) => uuid.replace(/-/g, '').toLowerCase();
const int32ToHex = (n) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n | 0);
  return b.toString('hex');
};

const HMAC_SHA256 = (dataHex, keyHex) => crypto.createHmac('sha256', Buffer.from(keyHex, 'hex')).update(Buffer.from(dataHex, 'hex')).digest('hex');

/** luca's trace id: the first 16 bytes of HMAC-SHA256(userId ‖ timestamp, secret), base64. */
const GENERATE_TRACE_ID = (dataHex, secretBase64) =>
  crypto.createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(Buffer.from(dataHex, 'hex')).digest().subarray(0, 16).toString('base64');

// An uncompressed P-256 point (65 bytes, hex) as an SPKI public key.
const SPKI_P256_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const publicKeyOf = (publicKeyHex) =>
  crypto.createPublicKey({ key: Buffer.concat([SPKI_P256_PREFIX, Buffer.from(publicKeyHex, 'hex')]), format: 'der', type: 'spki' });

const privateKeyOf = (privateKeyHex) => {
  const ecdh = crypto.createECDH('prime256v1');
  const d = Buffer.from(privateKeyHex, 'hex');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const b64url = (b) => b.toString('base64url');
  return crypto.createPrivateKey({
    key: { kty: 'EC', crv: 'P-256', d: b64url(d), x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: 'jwk',
  });
};

const SIGN_EC_SHA256_IEEE = (privateKeyHex, dataHex) =>
  crypto.sign('sha256', Buffer.from(dataHex, 'hex'), { key: privateKeyOf(privateKeyHex), dsaEncoding: 'ieee-p1363' }).toString('hex');

const VERIFY_EC_SHA256_DER_SIGNATURE = (publicKeyHex, dataHex, signatureHex) => {
  try {
    return crypto.verify('sha256', Buffer.from(dataHex, 'hex'), { key: publicKeyOf(publicKeyHex), dsaEncoding: 'der' }, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
};

module.exports = {
  hexToBase64,
  base64ToHex,
  uuidToHex,
  int32ToHex,
  HMAC_SHA256,
  GENERATE_TRACE_ID,
  SIGN_EC_SHA256_IEEE,
  VERIFY_EC_SHA256_DER_SIGNATURE,
};
