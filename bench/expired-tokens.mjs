// Prints COUNT expired access tokens, one a line, each signed with the bench issuer's key: TOKEN's header (so the
// same kid and typ) and claims (so the same iss, aud, client), with a fresh jti and iat/exp an hour or more in the past.
// Usage: node bench/expired-tokens.mjs JWKS_FILE TOKEN COUNT
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import fs from 'node:fs';

const [jwksFile, token, count = '1'] = process.argv.slice(2);
const [header, payload] = token.split('.');
const claims = JSON.parse(Buffer.from(payload, 'base64url'));
const { kid } = JSON.parse(Buffer.from(header, 'base64url'));
const jwk = JSON.parse(fs.readFileSync(jwksFile, 'utf8')).keys.find((key) => key.kid === kid);
if (!jwk) throw new Error(`no key ${kid} in ${jwksFile}`);
const key = createPrivateKey({ key: jwk, format: 'jwk' });

const now = Math.floor(Date.now() / 1000);
for (let i = 0; i < Number(count); i++) {
  const expired = { ...claims, jti: randomBytes(16).toString('base64url'), iat: now - 7200 - i, exp: now - 3600 - i };
  if ('nbf' in claims) expired.nbf = expired.iat;
  const signingInput = `${header}.${Buffer.from(JSON.stringify(expired)).toString('base64url')}`;
  console.log(`${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`);
}
