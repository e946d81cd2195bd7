/** The personal code and the public trust list scanners verify it with. */
import type { AppRouter } from '../../http/router';
import type { Config } from '../../config';
import type { CodeSigner } from '../../crypto/codeSigner';
import { unauthorized } from '../../http/errors';
import type { CodeService } from './codeService';

export function codeRoutes(router: AppRouter, code: CodeService, signer: CodeSigner, codes: Config['codes']): void {

  // Resolves the session itself (not requireSession) to read session and code state in one
  // Redis round trip: this is the busiest route of the product.
  router.get('/api/me/code', async (ctx) => {
    const match = /^Bearer (\S+)$/.exec(ctx.get('Authorization'));
    if (!match) throw unauthorized('UNAUTHENTICATED', 'log in first: the session is missing, expired or revoked');
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    ctx.body = await code.myCodeJson(match[1]);
  });

  router.get('/api/trust-list', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = {
      issuer: codes.issuerId,
      keys: signer.publicKeys().map((k) => ({ kid: k.kid, alg: 'Ed25519', publicKey: Buffer.from(k.publicKey).toString('base64') })),
    };
  });

}
