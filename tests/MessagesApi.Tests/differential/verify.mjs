// The independent verdict on each token of the corpus: panva's jose (jwtVerify) with the policy MessagesApi documents
// (README, "How tokens are checked" and "DPoP"), and the documented rules jose has no option for, each written once
// below. A token is judged at the instant the API judged it, so a token that expired between the two runs is not a
// difference.
//
// Usage:  node verify.mjs CHECKS_FILE OUT_FILE
// Environment: JWKS_FILE (the issuer's published JWKS, as the API fetches it), ISSUER, AUDIENCE, CLOCK_SKEW_SECONDS.
// CHECKS_FILE: one JSON line per token, {"id", "token", "from", "to"}: when the API's check began and ended (Unix ms).
// Writes one JSON line per token to OUT_FILE: {"id", "verdict": "accept" | "refuse" | "either", "reason"}; "either"
// when the verdict changed between `from` and `to` (a token checked across its own expiry second).
import fs from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [checksFile, outFile] = process.argv.slice(2);
const { JWKS_FILE, ISSUER, AUDIENCE, CLOCK_SKEW_SECONDS } = process.env;
if (!checksFile || !outFile || !JWKS_FILE || !ISSUER || !AUDIENCE || !CLOCK_SKEW_SECONDS)
  throw new Error('usage: JWKS_FILE=… ISSUER=… AUDIENCE=… CLOCK_SKEW_SECONDS=… node verify.mjs CHECKS_FILE OUT_FILE');

const keys = createLocalJWKSet(JSON.parse(fs.readFileSync(JWKS_FILE, 'utf8')));
const skew = Number(CLOCK_SKEW_SECONDS);
const MAX_TOKEN_LENGTH = 16 * 1024;

// The documented typ rule: absent, JWT or at+jwt, each also as application/…, compared as media types (no case).
function typAccepted(typ) {
  if (typeof typ !== 'string') return false;
  const type = typ.toLowerCase().replace(/^application\//, '');
  return type === 'jwt' || type === 'at+jwt';
}

// The rules on top of jose's own, in the order a reader finds them in the README.
function documentedRules(header, payload, now) {
  if ('typ' in header && !typAccepted(header.typ)) return 'typ is not absent, JWT or at+jwt';
  if ('kid' in header && (typeof header.kid !== 'string' || header.kid === '')) return 'kid is not a non-empty string';
  if ('crit' in header) return 'crit is refused';
  if (payload.iat !== undefined && payload.iat > now + skew) return 'iat is in the future';
  if ('cnf' in payload) return 'a token with cnf is never accepted as Bearer';
  return null;
}

async function judge(token, at) {
  if (token.length > MAX_TOKEN_LENGTH) return { verdict: 'refuse', reason: 'longer than 16 KB' };
  const now = Math.floor(at / 1000);
  try {
    const { payload, protectedHeader } = await jwtVerify(token, keys, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['RS256'],
      clockTolerance: skew,
      requiredClaims: ['exp'],
      currentDate: new Date(now * 1000),
    });
    const broken = documentedRules(protectedHeader, payload, now);
    return broken ? { verdict: 'refuse', reason: broken } : { verdict: 'accept', reason: null };
  } catch (error) {
    return { verdict: 'refuse', reason: `${error.code ?? error.name}: ${error.message}` };
  }
}

const lines = [];
for (const line of fs.readFileSync(checksFile, 'utf8').split('\n')) {
  if (!line) continue;
  const { id, token, from, to } = JSON.parse(line);
  // The API reads its clock somewhere between from and to; a second either side covers rounding.
  const [early, late] = [await judge(token, from - 1000), await judge(token, to + 1000)];
  lines.push(JSON.stringify(early.verdict === late.verdict ? { id, ...early } : { id, verdict: 'either', reason: `${early.reason} / ${late.reason}` }));
}
fs.writeFileSync(outFile, lines.join('\n') + '\n');
