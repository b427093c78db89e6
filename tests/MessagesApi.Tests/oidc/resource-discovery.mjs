// What an RFC 9728 client does with the API: call it without a token, read resource_metadata from the 401's
// WWW-Authenticate, and discover the metadata with oauth4webapi, which refuses a document whose "resource" is not the
// URL it called. Prints the accepted metadata as JSON; any refusal exits non-zero with oauth4webapi's reason.
// Usage: node resource-discovery.mjs http://localhost:6060
import * as oauth from 'oauth4webapi';

const resource = new URL(process.argv[2]);

const challenge = await fetch(new URL('/api/messages/protected', resource));
const header = challenge.headers.get('www-authenticate') ?? '';
const metadataUrl = /resource_metadata="([^"]*)"/.exec(header)?.[1];
if (challenge.status !== 401 || !metadataUrl)
  throw new Error(`expected a 401 with resource_metadata, got ${challenge.status} WWW-Authenticate: ${header}`);

// oauth4webapi derives the well-known URL from the resource (RFC 9728 §3.1); the challenge must point at that same document.
const response = await oauth.resourceDiscoveryRequest(resource, {
  [oauth.allowInsecureRequests]: resource.protocol === 'http:',
  [oauth.customFetch]: (url, options) => {
    if (url !== metadataUrl)
      throw new Error(`the challenge's resource_metadata is ${metadataUrl}, but RFC 9728 puts the metadata of ${resource.href} at ${url}`);
    return fetch(url, options);
  },
});
const metadata = await oauth.processResourceDiscoveryResponse(resource, response);
console.log(JSON.stringify(metadata));
