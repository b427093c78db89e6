// A real OpenID Connect provider (npm oidc-provider) for end-to-end tests, over HTTPS on loopback.
// It issues RS256 JWT access tokens for AUDIENCE through the client_credentials grant, with Auth0-style
// `permissions`. Environment: PORT, KEYS_FILE (a private JWKS; the first key signs), TLS_CERT, TLS_KEY, AUDIENCE, and
// ISSUER_PATH (e.g. /realms/demo) for an issuer with a path and no trailing slash, as Keycloak, Okta and Entra ID have.
// DPoP (RFC 9449): a token request that carries a DPoP proof gets a bound token (cnf.jkt, token_type DPoP); one without
// gets a Bearer token as before, except for dpop-client, which the provider refuses a token without a proof.
// Certificate-bound tokens (RFC 8705): with MTLS=1 the server asks clients for a certificate (any, self-signed included),
// and mtls-client's tokens are bound to the one it presented at the token endpoint (cnf x5t#S256).
// Opaque tokens (RFC 7662): the opaque-* clients get opaque access tokens (opaque-admin-client with read:admin-messages,
// opaque-dpop-client DPoP-bound ones), which messages-api (client_secret_basic, secret messages-api-secret) and, when
// API_JWKS holds a public JWKS, messages-api-jwt (private_key_jwt with those keys) may introspect; a token's own client
// may revoke it (RFC 7009).
// Swagger UI: swagger-ui is a public client (no secret, PKCE) for the authorization-code flow of the API's Swagger UI on
// any loopback port; the login and consent pages are oidc-provider's development ones, which accept any login.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import Provider from 'oidc-provider';

const { PORT, KEYS_FILE, TLS_CERT, TLS_KEY, AUDIENCE, ISSUER_PATH = '', MTLS = '', API_JWKS = '' } = process.env;
const ISSUER = ISSUER_PATH ? `https://localhost:${PORT}${ISSUER_PATH}` : `https://localhost:${PORT}/`;
const ADMIN_PERMISSION = 'read:admin-messages';
const SWAGGER_UI_CLIENT = 'swagger-ui';
const LOOPBACK_ORIGIN = /^http:\/\/localhost:\d+$/;
const INTROSPECTING_CLIENTS = new Set(['messages-api', 'messages-api-jwt']);
const issuesOpaqueTokens = (client) => client.clientId.startsWith('opaque-');

const provider = new Provider(ISSUER, {
  jwks: JSON.parse(fs.readFileSync(KEYS_FILE, 'utf8')),
  scopes: ['openid', ADMIN_PERMISSION],
  clients: [
    { client_id: 'admin-client', client_secret: 'admin-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [], scope: ADMIN_PERMISSION },
    { client_id: 'plain-client', client_secret: 'plain-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] },
    { client_id: 'dpop-client', client_secret: 'dpop-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [], dpop_bound_access_tokens: true },
    { client_id: 'mtls-client', client_secret: 'mtls-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [], tls_client_certificate_bound_access_tokens: true },
    { client_id: 'opaque-client', client_secret: 'opaque-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] },
    { client_id: 'opaque-admin-client', client_secret: 'opaque-admin-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [], scope: ADMIN_PERMISSION },
    { client_id: 'opaque-dpop-client', client_secret: 'opaque-dpop-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [], dpop_bound_access_tokens: true },
    { client_id: 'messages-api', client_secret: 'messages-api-secret', grant_types: [], redirect_uris: [], response_types: [] },
    ...(API_JWKS ? [{ client_id: 'messages-api-jwt', token_endpoint_auth_method: 'private_key_jwt', jwks: JSON.parse(API_JWKS), grant_types: [], redirect_uris: [], response_types: [] }] : []),
    // Native only so that its loopback redirect URI matches on any port (RFC 8252 §7.3), the port the test's API got;
    // a provider's SPA or public client registers {API origin}/swagger/oauth2-redirect.html exactly.
    {
      client_id: SWAGGER_UI_CLIENT,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: ['http://localhost/swagger/oauth2-redirect.html'],
      scope: ADMIN_PERMISSION,
    },
  ],
  // Swagger UI exchanges the code from the browser, on the API's origin.
  clientBasedCORS: (ctx, origin, client) => client.clientId === SWAGGER_UI_CLIENT && LOOPBACK_ORIGIN.test(origin),
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: true },
    // On by default in oidc-provider 9; spelled out because the tests depend on it. No nonceSecret and no nonces: the
    // proof's iat must be within 5 minutes. Proof algorithms are the provider's default, ES256, Ed25519 and EdDSA.
    dPoP: { enabled: true, requireNonce: () => false },
    // The API asks about any token; a client asks only about its own.
    introspection: { enabled: true, allowedPolicy: (ctx, client, token) => INTROSPECTING_CLIENTS.has(client.clientId) || token.clientId === client.clientId },
    revocation: { enabled: true },
    mTLS: {
      enabled: true,
      certificateBoundAccessTokens: true,
      getCertificate: (ctx) => {
        const peer = ctx.req.socket.getPeerCertificate?.();
        return peer?.raw ? new X509Certificate(peer.raw) : undefined;
      },
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => AUDIENCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource, client) => ({
        scope: ADMIN_PERMISSION,
        audience: AUDIENCE,
        accessTokenTTL: 3600,
        accessTokenFormat: issuesOpaqueTokens(client) ? 'opaque' : 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (ctx, token) => ({
    permissions: (token.scope ?? '').split(' ').filter((scope) => scope === ADMIN_PERMISSION),
  }),
});

const callback = provider.callback();

// Mounted under ISSUER_PATH: oidc-provider derives its endpoints' mount path from originalUrl.
function serve(req, res) {
  if (ISSUER_PATH) {
    if (!req.url.startsWith(ISSUER_PATH)) {
      res.writeHead(404).end();
      return;
    }
    req.originalUrl = req.url;
    req.url = req.url.slice(ISSUER_PATH.length) || '/';
  }
  callback(req, res);
}

https
  .createServer({ cert: fs.readFileSync(TLS_CERT), key: fs.readFileSync(TLS_KEY), ...(MTLS ? { requestCert: true, rejectUnauthorized: false } : {}) }, serve)
  .listen(Number(PORT), '127.0.0.1', () => console.log(`oidc-provider listening on ${ISSUER}`));
