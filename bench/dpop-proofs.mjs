// DPoP (RFC 9449) for the benchmark, with node:crypto alone: an ES256 key, a token bound to it, and proofs made ahead
// of time, so wrk can send a fresh one on every request without signing anything while it measures.
//
//   node bench/dpop-proofs.mjs token ISSUER KEY_FILE
//     Makes an ES256 key pair (the private JWK is written to KEY_FILE) and prints an access token bound to it (cnf.jkt),
//     from the issuer's token endpoint with client_credentials and a DPoP proof. Environment: AUDIENCE (required, sent
//     as `resource`), CLIENT_ID and CLIENT_SECRET (default dpop-client, dpop-secret), NODE_EXTRA_CA_CERTS=ca.pem.
//   node bench/dpop-proofs.mjs proofs KEY_FILE TOKEN URL COUNT [METHOD] [IAT]
//     Prints COUNT proofs for METHOD (default GET) on URL, one a line: each with its own random jti, iat now (or IAT,
//     in Unix seconds, each line then "IAT proof"), and ath for TOKEN. The API accepts them for Auth0:Dpop:ProofMaxAge
//     (2 minutes by default): make them just before use.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import fs from 'node:fs';

async function token(issuerArgument, keyFile) {
  const { AUDIENCE, CLIENT_ID = 'dpop-client', CLIENT_SECRET = 'dpop-secret' } = process.env;
  if (!issuerArgument || !keyFile || !AUDIENCE) throw new Error('usage: AUDIENCE=<resource> dpop-proofs.mjs token ISSUER KEY_FILE');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  fs.writeFileSync(keyFile, JSON.stringify(privateKey.export({ format: 'jwk' })), { mode: 0o600 });
  const discovery = await (await fetch(new URL('.well-known/openid-configuration', issuerArgument))).json();
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      dpop: new Prover(privateKey).proof('POST', discovery.token_endpoint),
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: AUDIENCE }),
  });
  const body = await response.json();
  if (!response.ok || body.token_type !== 'DPoP')
    throw new Error(`no DPoP-bound token from ${discovery.token_endpoint}: ${response.status} ${JSON.stringify(body)}`);
  console.log(body.access_token);
}

function proofs(keyFile, accessToken, url, count, method = 'GET', iat = undefined) {
  if (!keyFile || !accessToken || !url || !count) throw new Error('usage: dpop-proofs.mjs proofs KEY_FILE TOKEN URL COUNT [METHOD] [IAT]');
  const prover = new Prover(createPrivateKey({ key: JSON.parse(fs.readFileSync(keyFile, 'utf8')), format: 'jwk' }));
  const ath = createHash('sha256').update(accessToken).digest('base64url');
  const lines = [];
  for (let i = 0; i < Number(count); i++) {
    lines.push(iat === undefined ? prover.proof(method, url, ath) : `${iat} ${prover.proof(method, url, ath, Number(iat))}`);
    if (lines.length === 4096) flush(lines);
  }
  flush(lines);
}

function flush(lines) {
  if (lines.length) fs.writeSync(1, lines.join('\n') + '\n');
  lines.length = 0;
}

class Prover {
  #key;
  #header;

  constructor(privateKey) {
    this.#key = { key: privateKey, dsaEncoding: 'ieee-p1363' };
    const { kty, crv, x, y } = privateKey.export({ format: 'jwk' });
    this.#header = encode({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } });
  }

  proof(htm, htu, ath, iat = Math.floor(Date.now() / 1000)) {
    const claims = { jti: randomBytes(16).toString('base64url'), htm, htu, iat };
    if (ath) claims.ath = ath;
    const signingInput = `${this.#header}.${encode(claims)}`;
    return `${signingInput}.${sign('sha256', Buffer.from(signingInput), this.#key).toString('base64url')}`;
  }
}

function encode(json) {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

const [command, ...args] = process.argv.slice(2);
if (command === 'token') await token(...args);
else if (command === 'proofs') proofs(...args);
else throw new Error('usage: dpop-proofs.mjs token ISSUER KEY_FILE | proofs KEY_FILE TOKEN URL COUNT [METHOD]');
