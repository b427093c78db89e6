// Writes a private JWKS with one fresh RS256 key, for the benchmark's issuer (tests/MessagesApi.Tests/oidc/provider.mjs).
import { generateKeyPairSync, randomBytes } from 'node:crypto';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: randomBytes(8).toString('hex') };
console.log(JSON.stringify({ keys: [jwk] }));
