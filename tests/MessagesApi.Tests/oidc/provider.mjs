// A real OpenID Connect provider (npm oidc-provider) for end-to-end tests, over HTTPS on loopback.
// It issues RS256 JWT access tokens for AUDIENCE through the client_credentials grant, with Auth0-style
// `permissions`. Environment: PORT, KEYS_FILE (a private JWKS; the first key signs), TLS_CERT, TLS_KEY, AUDIENCE.
import fs from 'node:fs';
import https from 'node:https';
import Provider from 'oidc-provider';

const { PORT, KEYS_FILE, TLS_CERT, TLS_KEY, AUDIENCE } = process.env;
const ADMIN_PERMISSION = 'read:admin-messages';

const provider = new Provider(`https://localhost:${PORT}/`, {
  jwks: JSON.parse(fs.readFileSync(KEYS_FILE, 'utf8')),
  scopes: ['openid', ADMIN_PERMISSION],
  clients: [
    { client_id: 'admin-client', client_secret: 'admin-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [], scope: ADMIN_PERMISSION },
    { client_id: 'plain-client', client_secret: 'plain-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] },
  ],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => AUDIENCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: ADMIN_PERMISSION,
        audience: AUDIENCE,
        accessTokenTTL: 3600,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (ctx, token) => ({
    permissions: (token.scope ?? '').split(' ').filter((scope) => scope === ADMIN_PERMISSION),
  }),
});

https
  .createServer({ cert: fs.readFileSync(TLS_CERT), key: fs.readFileSync(TLS_KEY) }, provider.callback())
  .listen(Number(PORT), '127.0.0.1', () => console.log(`oidc-provider listening on https://localhost:${PORT}/`));
