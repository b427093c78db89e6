// A real DPoP client (RFC 9449, with oauth4webapi): makes an ES256 key pair, gets a DPoP-bound access token from the
// authorization server with client_credentials, calls the API with `Authorization: DPoP <token>` and a fresh proof, then
// replays that exact request (the same token and the same proof, byte for byte) with a plain fetch, as a thief who
// captured it would.
//
// Usage:  node dpop-client.mjs ISSUER [API_URL]
//   ISSUER   the authorization server's issuer, e.g. https://localhost:5443/ (discovered at .well-known/openid-configuration)
//   API_URL  the resource to call with GET, e.g. http://localhost:6060/api/messages/protected; without it, only the token
// Environment: AUDIENCE (required; sent as the RFC 8707 `resource`), CLIENT_ID and CLIENT_SECRET (default dpop-client,
// dpop-secret), NODE_EXTRA_CA_CERTS=ca.pem to trust a test CA.
//
// Prints one JSON line per step, on stdout:
//   {"step":"token", "token_type", "access_token", "header", "payload", "cnf_jkt", "key_thumbprint"}
//   {"step":"call", "status", "www_authenticate", "dpop_nonce", "body", "authorization", "proof", "proof_header", "proof_payload"}
//     (a second "call" line when the API asks for a nonce with use_dpop_nonce: the retry a client makes)
//   {"step":"replay", ...the same fields, for the identical request resent}
// Exits non-zero, with the reason on stderr, when it cannot get a bound token; the API's answers are reported, not judged.
import * as oauth from 'oauth4webapi';

const [issuerArgument, apiArgument] = process.argv.slice(2);
const { AUDIENCE, CLIENT_ID = 'dpop-client', CLIENT_SECRET = 'dpop-secret' } = process.env;
if (!issuerArgument || !AUDIENCE)
  throw new Error('usage: AUDIENCE=<resource> node dpop-client.mjs ISSUER [API_URL]');

const issuer = new URL(issuerArgument);
const client = { client_id: CLIENT_ID };
const keyPair = await oauth.generateKeyPair('ES256');
const dpop = oauth.DPoP(client, keyPair);

const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc' }));
const tokenResponse = await oauth.clientCredentialsGrantRequest(
  as, client, oauth.ClientSecretBasic(CLIENT_SECRET), { resource: AUDIENCE }, { DPoP: dpop });
// oauth4webapi lower-cases token_type; report the provider's own spelling.
const { token_type: tokenType } = await tokenResponse.clone().json();
const token = await oauth.processClientCredentialsResponse(as, client, tokenResponse);
const [header, payload] = decode(token.access_token);
print({
  step: 'token',
  token_type: tokenType,
  access_token: token.access_token,
  header,
  payload,
  cnf_jkt: payload.cnf?.jkt ?? null,
  key_thumbprint: await dpop.calculateThumbprint(),
});

if (apiArgument) {
  const api = new URL(apiArgument);
  let sent;
  // Records what oauth4webapi put on the wire, so the replay can resend exactly that.
  const recordingFetch = (url, options) => {
    sent = { url, headers: options.headers };
    return fetch(url, options);
  };
  const call = () => oauth.protectedResourceRequest(token.access_token, 'GET', api, undefined, undefined, {
    DPoP: dpop,
    [oauth.allowInsecureRequests]: api.protocol === 'http:',
    [oauth.customFetch]: recordingFetch,
  });

  let response = await answered(call);
  await report('call', response, sent);
  if (response.nonceError) {
    response = await answered(call);
    await report('call', response, sent);
  }

  await report('replay', await fetch(sent.url, { headers: sent.headers, redirect: 'manual' }), sent);
}

// oauth4webapi throws on a WWW-Authenticate challenge; the 401 is an answer to report here, not a failure.
async function answered(request) {
  try {
    return await request();
  } catch (error) {
    if (error instanceof oauth.WWWAuthenticateChallengeError)
      return Object.assign(error.response, { nonceError: oauth.isDPoPNonceError(error) });
    throw error;
  }
}

async function report(step, response, request) {
  const [proofHeader, proofPayload] = decode(request.headers.dpop);
  print({
    step,
    status: response.status,
    www_authenticate: response.headers.get('www-authenticate'),
    dpop_nonce: response.headers.get('dpop-nonce'),
    body: await response.text(),
    authorization: request.headers.authorization,
    proof: request.headers.dpop,
    proof_header: proofHeader,
    proof_payload: proofPayload,
  });
}

function decode(jwt) {
  return jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
}

function print(line) {
  console.log(JSON.stringify(line));
}
