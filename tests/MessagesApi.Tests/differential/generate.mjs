// A seeded corpus of access tokens for the differential test: each case is a valid token for ISSUER and AUDIENCE
// (randomly varied in ways that keep it valid) with one named mutation applied. Every token is correctly signed by the
// issuer's key over exactly the bytes it carries, unless the mutation is the signature or the key.
//
// Usage:  node generate.mjs OUT_FILE
// Environment: SEED (an integer), COUNT (cases), KEY_FILE (the issuer's private RSA JWK, with its kid), ISSUER, AUDIENCE.
// Writes one JSON line per case to OUT_FILE: {"id", "mutation", "token"}. The same SEED and COUNT give the same
// mutations in the same order; times are relative to when it runs.
import crypto from 'node:crypto';
import fs from 'node:fs';

const [outFile] = process.argv.slice(2);
const { SEED, COUNT, KEY_FILE, ISSUER, AUDIENCE } = process.env;
if (!outFile || !SEED || !COUNT || !KEY_FILE || !ISSUER || !AUDIENCE)
  throw new Error('usage: SEED=… COUNT=… KEY_FILE=… ISSUER=… AUDIENCE=… node generate.mjs OUT_FILE');

const issuerJwk = JSON.parse(fs.readFileSync(KEY_FILE, 'utf8'));
const KID = issuerJwk.kid;
const issuerKey = crypto.createPrivateKey({ key: issuerJwk, format: 'jwk' });
const issuerPublicPem = crypto.createPublicKey(issuerKey).export({ type: 'spki', format: 'pem' });
const attackerKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const ecKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const NOW = Math.floor(Date.now() / 1000);
const SKEW_INSIDE = 15; // the documented tolerance is 30 s: half of it is inside on both sides
const SKEW_OUTSIDE = 45;

// mulberry32: small, seedable, and the same on every machine.
let state = Number(SEED) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (items) => items[int(items.length)];
const chance = (p) => random() < p;
function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const J = JSON.stringify;
const b64u = (bytes) => Buffer.from(bytes).toString('base64url');

// A JSON object as its members' names and raw value texts, so a mutation can write what JSON.stringify never would.
class Members {
  constructor(entries) { this.entries = entries; }
  set(name, raw) {
    const at = this.entries.findIndex(([n]) => n === name);
    if (at >= 0) this.entries[at] = [name, raw];
    else this.entries.push([name, raw]);
    return this;
  }
  remove(name) {
    this.entries = this.entries.filter(([n]) => n !== name);
    return this;
  }
  has(name) { return this.entries.some(([n]) => n === name); }
  // The same member twice: `first` written before the rest, `last` after them.
  duplicate(name, first, last) {
    this.remove(name);
    this.entries = [[name, first], ...this.entries, [name, last]];
    return this;
  }
  text(space) {
    if (!space)
      return `{${this.entries.map(([n, v]) => `${J(n)}:${v}`).join(',')}}`;
    return `{\n${this.entries.map(([n, v]) => `${space}${J(n)} : ${v}`).join(',\n')}\n}`;
  }
}

// A valid token, varied: member order, typ, aud shape, optional claims, fractional times, formatting.
function baseCase() {
  const header = new Members([['alg', J('RS256')], ['kid', J(KID)]]);
  const typ = pick([undefined, 'JWT', 'at+jwt', 'application/at+jwt', 'jwt', 'application/jwt']);
  if (typ !== undefined) header.set('typ', J(typ));
  const payload = new Members([
    ['iss', J(ISSUER)],
    ['sub', J(`auth0|${int(1e9).toString(16)}`)],
    ['aud', pick([J(AUDIENCE), J([AUDIENCE]), J([AUDIENCE, `${ISSUER}userinfo`]), J([`${ISSUER}userinfo`, AUDIENCE])])],
    ['exp', String(NOW + 600 + int(86400) + (chance(0.2) ? 0.5 : 0))],
  ]);
  if (chance(0.9)) payload.set('iat', String(NOW - int(600)));
  if (chance(0.3)) payload.set('nbf', String(NOW - 60 - int(600)));
  if (chance(0.5)) payload.set('azp', J('test-client'));
  if (chance(0.5)) payload.set('scope', J(pick(['', 'openid', 'read:messages write:messages'])));
  if (chance(0.5)) payload.set('jti', J(crypto.randomUUID()));
  if (chance(0.3)) payload.set('permissions', J(pick([[], ['read:admin-messages'], ['a', 'b']])));
  if (chance(0.2)) payload.set(pick(['name', 'https://example.com/roles', 'ñame']), J(pick(['Zoë', ['admin'], { nested: [1, 2, { deep: true }] }, 'héllo ✓ 😀'])));
  shuffle(header.entries);
  shuffle(payload.entries);
  return {
    header,
    payload,
    space: chance(0.1) ? pick([' ', '\t', '  ']) : '',
    sign: signRs256,
    headerBytes: undefined,
    payloadBytes: undefined,
    finish: (token) => token,
  };
}

function signRs256(input) { return crypto.sign('sha256', input, issuerKey); }
const signRsa = (hash, key = issuerKey) => (input) => crypto.sign(hash, input, key);
const signPss = (hash, saltLength) => (input) =>
  crypto.sign(hash, input, { key: issuerKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength });

function encode(c) {
  const header = c.headerBytes ?? Buffer.from(c.header.text(c.space), 'utf8');
  const payload = c.payloadBytes ?? Buffer.from(c.payload.text(c.space), 'utf8');
  const segments = c.segments ? c.segments(b64u(header), b64u(payload)) : [b64u(header), b64u(payload)];
  const input = `${segments[0]}.${segments[1]}`;
  return c.finish(`${input}.${b64u(c.sign(Buffer.from(input, 'ascii')))}`);
}

// A value or a function making one for each case, so a mutation varies from case to case.
const resolve = (value) => (typeof value === 'function' ? value() : value);
const utf8 = (c, part) => Buffer.from(c[part].text(c.space), 'utf8');
const trailing = (part, suffix) => (c) => { c[`${part}Bytes`] = Buffer.concat([utf8(c, part), Buffer.from(resolve(suffix), 'latin1')]); };
const leading = (part, prefix) => (c) => { c[`${part}Bytes`] = Buffer.concat([Buffer.from(resolve(prefix), 'latin1'), utf8(c, part)]); };
const replaced = (part, text) => (c) => { c[`${part}Bytes`] = Buffer.from(resolve(text), 'latin1'); };
const header = (name, raw) => (c) => { c.header.set(name, resolve(raw)); };
const headerWithout = (name) => (c) => { c.header.remove(name); };
const claim = (name, raw) => (c) => { c.payload.set(resolve(name), resolve(raw)); };
const claimWithout = (name) => (c) => { c.payload.remove(name); };
const all = (...edits) => (c) => edits.forEach((edit) => edit(c));
// A member whose string holds bytes that are not UTF-8 (0xFF 0xFE).
function invalidUtf8(part) {
  return (c) => {
    c[part].set('x-bytes', J('INVALID'));
    const text = utf8(c, part), at = text.indexOf('INVALID');
    c[`${part}Bytes`] = Buffer.concat([text.subarray(0, at), Buffer.from([0xff, 0xfe]), text.subarray(at + 'INVALID'.length)]);
  };
}
const TOKEN_LIMIT = 16 * 1024;
// A filler claim that makes the whole token `margin` characters shorter (negative: longer) than the documented limit.
function tokenLength(margin) {
  return (c) => {
    c.payload.set('filler', J(''));
    const fixed = b64u(utf8(c, 'header')).length + 2 + 342;
    const payloadBytes = Math.floor(((TOKEN_LIMIT - margin - fixed) * 3) / 4);
    c.payload.set('filler', J('x'.repeat(payloadBytes - utf8(c, 'payload').length)));
  };
}
// Extra members until the segment holds a base64url-only character ('-' or '_'), so the standard alphabet differs.
function urlOnlyCharacters(part) {
  return (c) => {
    for (let i = 0; !/[-_]/.test(b64u(utf8(c, part))); i++)
      c[part].set(`x${i}`, J('\u00fb\u00ff?>~'.repeat(i + 1)));
  };
}
// Base64url with the exponent form: 1765000000 as 1.765e9.
const exponent = (n) => { const d = String(n); return `${d[0]}.${d.slice(1)}e${d.length - 1}`; };

// A segment whose length is not a multiple of 4, so it has padding to add and spare bits in its last character.
function unaligned(part) {
  return (c) => {
    for (let i = 0; b64u(Buffer.from(c[part].text(c.space), 'utf8')).length % 4 === 0; i++)
      c[part].set(`x${i}`, J(''));
  };
}
const padded = (segment) => segment + '='.repeat((4 - (segment.length % 4)) % 4);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// The same bytes written with the unused low bits of the last character set: RFC 4648 §3.5 calls it non-canonical.
function nonCanonical(segment) {
  const spare = segment.length % 4 === 2 ? 4 : 2;
  const last = ALPHABET.indexOf(segment.at(-1));
  return segment.slice(0, -1) + ALPHABET[last | ((1 << spare) - 1)];
}
const standardAlphabet = (segment) => segment.replace(/-/g, '+').replace(/_/g, '/');
function flipSignatureBit(token) {
  const [h, p, s] = token.split('.');
  const bytes = Buffer.from(s, 'base64url');
  bytes[int(bytes.length)] ^= 1 << int(8);
  return `${h}.${p}.${b64u(bytes)}`;
}
function signatureEdit(edit) { return (c) => { c.finish = (token) => { const [h, p, s] = token.split('.'); return `${h}.${p}.${edit(s)}`; }; }; }
function nested(depth) { return '['.repeat(depth) + ']'.repeat(depth); }
function attackerJwk() {
  const { kty, n, e } = crypto.createPublicKey(attackerKey).export({ format: 'jwk' });
  return { kty, n, e, kid: 'attacker' };
}
const other = () => encode(baseCase()).split('.')[2];

// Each mutation by name; the name is what DIFFERENCES.md lists.
const mutations = {
  'valid': () => {},
  'valid-pretty-printed': (c) => { c.space = '  '; },
  'valid-typ-absent': headerWithout('typ'),
  'valid-typ-at+jwt': header('typ', J('at+jwt')),
  'valid-typ-mixed-case': header('typ', () => J(pick(['Jwt', 'AT+JWT', 'Application/At+Jwt', 'APPLICATION/JWT']))),
  'valid-unicode-claims': claim(() => pick(['ñame', '名前', 'emoji😀']), () => J(pick(['héllo wörld', '✓ \u2028 \u2029', '😀', 'Zoë\u0000end']))),
  'valid-escaped-surrogate-pair': claim('name', '"\\ud83d\\ude00"'),
  'valid-escaped-issuer': claim('iss', J(ISSUER).replace(/[a-z]/g, (ch) => `\\u00${ch.charCodeAt(0).toString(16)}`)),
  'valid-header-unknown-members': all(header('x-extra', J({ a: [1, 'two'] })), header('jku', J('https://attacker.example/jwks')), header('x5u', J('https://attacker.example/cert'))),
  'valid-header-b64-false-without-crit': header('b64', 'false'),
  'valid-embedded-jwk-of-the-issuer': (c) => { const { kty, n, e } = issuerJwk; c.header.set('jwk', J({ kty, n, e })); },
  'valid-kid-absent': headerWithout('kid'),
  'valid-sub-absent': claimWithout('sub'),
  'valid-iat-absent': claimWithout('iat'),
  'valid-aud-only-this-api': claim('aud', J([AUDIENCE])),
  'valid-just-under-16kb': tokenLength(100),
  'valid-deep-nesting-40': claim('deep', nested(40)),

  'header-trailing-x': trailing('header', 'x'),
  'header-trailing-object': trailing('header', '{"alg":"none"}'),
  'header-trailing-nul': trailing('header', '\u0000'),
  'header-trailing-whitespace': trailing('header', () => pick([' ', '\n', '\r\n\t '])),
  'header-leading-whitespace': leading('header', () => pick([' ', '\n'])),
  'header-bom': leading('header', '\u00ef\u00bb\u00bf'),
  'header-trailing-comma': (c) => { c.headerBytes = Buffer.from(c.header.text(c.space).replace(/}$/, ',}')); },
  'header-array': replaced('header', `[${J({ alg: 'RS256', kid: KID })}]`),
  'header-null': replaced('header', 'null'),
  'header-string': replaced('header', J('RS256')),
  'header-empty': replaced('header', ''),
  'header-empty-object': replaced('header', '{}'),
  'header-invalid-utf8': invalidUtf8('header'),
  'header-raw-control-character': header('x-ctl', '"a\u0001b"'),
  'header-duplicate-alg-last-valid': (c) => { c.header.duplicate('alg', J('none'), J('RS256')); },
  'header-duplicate-alg-first-valid': (c) => { c.header.duplicate('alg', J('RS256'), J('none')); },
  'header-duplicate-kid-last-valid': (c) => { c.header.duplicate('kid', J('unknown'), J(KID)); },
  'header-duplicate-kid-first-valid': (c) => { c.header.duplicate('kid', J(KID), J('unknown')); },
  'header-duplicate-typ': (c) => { c.header.duplicate('typ', J('JWT'), J('dpop+jwt')); },

  'kid-empty': header('kid', J('')),
  'kid-null': header('kid', 'null'),
  'kid-number': header('kid', () => pick(['0', '1', '12345'])),
  'kid-boolean': header('kid', 'true'),
  'kid-array': header('kid', J([KID])),
  'kid-object': header('kid', J({ kid: KID })),
  'kid-unknown': header('kid', J('no-such-key')),
  'kid-other-case': header('kid', J(KID.toUpperCase() === KID ? KID.toLowerCase() : KID.toUpperCase())),
  'kid-padded-with-space': header('kid', J(` ${KID}`)),

  'typ-null': header('typ', 'null'),
  'typ-number': header('typ', '1'),
  'typ-array': header('typ', J(['JWT'])),
  'typ-empty': header('typ', J('')),
  'typ-dpop+jwt': header('typ', J('dpop+jwt')),
  'typ-other-jwt': header('typ', () => J(pick(['logout+jwt', 'secevent+jwt', 'application/dpop+jwt', 'id_token+jwt']))),
  'typ-with-parameters': header('typ', J('application/at+jwt; charset=utf-8')),
  'typ-not-a-jwt': header('typ', () => J(pick(['JWS', 'JOSE', 'text/plain']))),

  'alg-none': all(header('alg', J('none')), (c) => { c.sign = () => Buffer.alloc(0); }),
  'alg-none-with-signature': header('alg', () => J(pick(['none', 'None', 'NONE']))),
  'alg-lower-case': header('alg', J('rs256')),
  'alg-null': header('alg', 'null'),
  'alg-number': header('alg', '256'),
  'alg-array': header('alg', J(['RS256'])),
  'alg-empty': header('alg', J('')),
  'alg-absent': headerWithout('alg'),
  'alg-RS384-issuer-key': all(header('alg', J('RS384')), (c) => { c.sign = signRsa('sha384'); }),
  'alg-RS512-issuer-key': all(header('alg', J('RS512')), (c) => { c.sign = signRsa('sha512'); }),
  'alg-PS256-issuer-key': all(header('alg', J('PS256')), (c) => { c.sign = signPss('sha256', 32); }),
  'alg-HS256-keyed-with-public-key': all(header('alg', J('HS256')), (c) => { c.sign = (input) => crypto.createHmac('sha256', issuerPublicPem).update(input).digest(); }),
  'alg-ES256-unpublished-key': all(header('alg', J('ES256')), (c) => { c.sign = (input) => crypto.sign('sha256', input, { key: ecKey, dsaEncoding: 'ieee-p1363' }); }),

  'crit-b64': all(header('crit', J(['b64'])), header('b64', 'true')),
  'crit-unknown': all(header('crit', J(['x-policy'])), header('x-policy', J('strict'))),
  'crit-exp': all(header('crit', J(['exp'])), header('exp', String(NOW + 3600))),
  'crit-empty': header('crit', '[]'),
  'crit-string': header('crit', J('b64')),
  'crit-null': header('crit', 'null'),

  'payload-trailing-x': trailing('payload', 'x'),
  'payload-trailing-object': trailing('payload', () => pick(['{"exp":1}', '{}', '{"iss":"https://attacker.example/"}'])),
  'payload-trailing-nul': trailing('payload', '\u0000'),
  'payload-trailing-whitespace': trailing('payload', () => pick([' ', '\n', '\r\n\t '])),
  'payload-leading-whitespace': leading('payload', () => pick([' ', '\n'])),
  'payload-bom': leading('payload', '\u00ef\u00bb\u00bf'),
  'payload-trailing-comma': (c) => { c.payloadBytes = Buffer.from(c.payload.text(c.space).replace(/}$/, ',}')); },
  'payload-array': (c) => { c.payloadBytes = Buffer.from(`[${c.payload.text()}]`); },
  'payload-null': replaced('payload', 'null'),
  'payload-string': replaced('payload', J('{}')),
  'payload-number': replaced('payload', '1'),
  'payload-empty': replaced('payload', ''),
  'payload-empty-object': replaced('payload', '{}'),
  'payload-invalid-utf8': invalidUtf8('payload'),
  'payload-raw-control-character': claim('name', '"a\u0001b"'),
  'payload-lone-surrogate': claim('name', () => pick(['"\\ud800"', '"x\\udfffy"'])),
  'payload-deep-nesting-100': claim('deep', nested(100)),
  'token-over-16kb': tokenLength(-100),
  'payload-duplicate-iss-last-valid': (c) => { c.payload.duplicate('iss', J('https://attacker.example/'), J(ISSUER)); },
  'payload-duplicate-iss-first-valid': (c) => { c.payload.duplicate('iss', J(ISSUER), J('https://attacker.example/')); },
  'payload-duplicate-exp-last-valid': (c) => { c.payload.duplicate('exp', String(NOW - 3600), String(NOW + 3600)); },
  'payload-duplicate-exp-first-valid': (c) => { c.payload.duplicate('exp', String(NOW + 3600), String(NOW - 3600)); },
  'payload-duplicate-aud-last-valid': (c) => { c.payload.duplicate('aud', J('https://other-api.example'), J(AUDIENCE)); },
  'payload-duplicate-aud-first-valid': (c) => { c.payload.duplicate('aud', J(AUDIENCE), J('https://other-api.example')); },
  'payload-duplicate-identical-iss': (c) => { c.payload.duplicate('iss', J(ISSUER), J(ISSUER)); },

  'exp-absent': claimWithout('exp'),
  'exp-string': claim('exp', () => J(String(NOW + 3600))),
  'exp-word': claim('exp', J('never')),
  'exp-null': claim('exp', 'null'),
  'exp-boolean': claim('exp', 'true'),
  'exp-array': claim('exp', () => J([NOW + 3600])),
  'exp-object': claim('exp', () => J({ value: NOW + 3600 })),
  'exp-expired': claim('exp', () => String(NOW - 3600)),
  'exp-inside-skew': claim('exp', () => String(NOW - SKEW_INSIDE)),
  'exp-outside-skew': claim('exp', () => String(NOW - SKEW_OUTSIDE)),
  'exp-fraction': claim('exp', () => `${NOW + 3600}.${1 + int(999)}`),
  'exp-exponent': claim('exp', () => exponent(NOW + 3600)),
  'exp-zero': claim('exp', () => pick(['0', '0.0', '-0'])),
  'exp-negative': claim('exp', () => pick(['-1', '-1e10', '-9223372036854775808'])),
  'exp-far-future': claim('exp', () => pick(['99999999999', '253402300799'])),
  'exp-past-year-9999': claim('exp', '253402300800'),
  'exp-largest-int64': claim('exp', () => pick(['9223372036854775807', '1e15', '9.2e18'])),
  'exp-beyond-int64': claim('exp', () => pick(['9223372036854775808', '99999999999999999999', '1e20', '1.7976931348623157e308'])),
  'exp-beyond-double': claim('exp', '1e309'),

  'nbf-string': claim('nbf', () => J(String(NOW - 60))),
  'nbf-null': claim('nbf', 'null'),
  'nbf-boolean': claim('nbf', 'false'),
  'nbf-future': claim('nbf', () => String(NOW + 3600)),
  'nbf-inside-skew': claim('nbf', () => String(NOW + SKEW_INSIDE)),
  'nbf-outside-skew': claim('nbf', () => String(NOW + SKEW_OUTSIDE)),
  'nbf-fraction': claim('nbf', () => `${NOW - 60}.25`),
  'nbf-exponent': claim('nbf', () => exponent(NOW - 60)),
  'nbf-negative': claim('nbf', '-1'),
  'nbf-huge': claim('nbf', () => pick(['1e20', '99999999999999999999'])),
  'nbf-beyond-double': claim('nbf', '1e309'),

  'iat-string': claim('iat', () => J(String(NOW))),
  'iat-null': claim('iat', 'null'),
  'iat-boolean': claim('iat', 'true'),
  'iat-future': claim('iat', () => String(NOW + 3600)),
  'iat-inside-skew': claim('iat', () => String(NOW + SKEW_INSIDE)),
  'iat-outside-skew': claim('iat', () => String(NOW + SKEW_OUTSIDE)),
  'iat-fraction': claim('iat', () => `${NOW - 60}.${1 + int(999)}`),
  'iat-exponent': claim('iat', () => exponent(NOW - 60)),
  'iat-negative': claim('iat', '-1'),
  'iat-huge': claim('iat', () => pick(['1e20', '99999999999999999999'])),
  'iat-beyond-double': claim('iat', '1e309'),

  'cnf-string': claim('cnf', () => J(b64u(crypto.randomBytes(32)))),
  'cnf-number': claim('cnf', () => pick(['5', '0', '-1.5'])),
  'cnf-boolean': claim('cnf', () => pick(['true', 'false'])),
  'cnf-null': claim('cnf', 'null'),
  'cnf-array': claim('cnf', () => J([{ jkt: b64u(crypto.randomBytes(32)) }])),
  'cnf-empty-object': claim('cnf', '{}'),
  'cnf-jkt': claim('cnf', () => J({ jkt: b64u(crypto.randomBytes(32)) })),
  'cnf-x5t#S256': claim('cnf', () => J({ 'x5t#S256': b64u(crypto.randomBytes(32)) })),
  'cnf-jwk': claim('cnf', () => J({ jwk: attackerJwk() })),

  'aud-absent': claimWithout('aud'),
  'aud-null': claim('aud', 'null'),
  'aud-number': claim('aud', '1'),
  'aud-other': claim('aud', J('https://other-api.example')),
  'aud-trailing-slash': claim('aud', J(`${AUDIENCE}/`)),
  'aud-other-case': claim('aud', J(AUDIENCE.toUpperCase())),
  'aud-empty-string': claim('aud', J('')),
  'aud-empty-array': claim('aud', '[]'),
  'aud-array-without-this-api': claim('aud', J(['https://other-api.example', `${ISSUER}userinfo`])),
  'aud-array-with-a-number': claim('aud', J([AUDIENCE, 5])),
  'aud-array-with-null': claim('aud', J([null, AUDIENCE])),
  'aud-nested-array': claim('aud', J([[AUDIENCE]])),
  'aud-object': claim('aud', J({ [AUDIENCE]: true })),

  'iss-absent': claimWithout('iss'),
  'iss-null': claim('iss', 'null'),
  'iss-number': claim('iss', '1'),
  'iss-array': claim('iss', J([ISSUER])),
  'iss-without-trailing-slash': claim('iss', J(ISSUER.replace(/\/$/, ''))),
  'iss-other-case': claim('iss', J(ISSUER.toUpperCase())),
  'iss-other': claim('iss', J('https://attacker.example/')),
  'iss-leading-space': claim('iss', J(` ${ISSUER}`)),
  'iss-empty': claim('iss', J('')),

  'sub-number': claim('sub', '12345'),
  'sub-null': claim('sub', 'null'),
  'sub-object': claim('sub', J({ id: 1 })),
  'permissions-odd-shapes': claim('permissions', () => pick(['1', 'null', J({ a: 1 }), J([1, null, ['x']])])),
  'scope-not-a-string': claim('scope', () => pick(['1', J(['openid']), 'null'])),

  'segments-two': (c) => { c.finish = (token) => token.split('.').slice(0, 2).join('.'); },
  'segments-four': (c) => { c.finish = (token) => `${token}.${token.split('.')[2]}`; },
  'segments-five': (c) => { c.finish = (token) => `${token}.${b64u(crypto.randomBytes(16))}.${b64u(crypto.randomBytes(16))}`; },
  'not-base64url-at-all': (c) => { c.finish = () => pick(['not a token', '....', 'abc', '%%%.%%%.%%%']); },

  'header-segment-padded': all(unaligned('header'), (c) => { c.segments = (h, p) => [padded(h), p]; }),
  'payload-segment-padded': all(unaligned('payload'), (c) => { c.segments = (h, p) => [h, padded(p)]; }),
  'header-segment-non-canonical': all(unaligned('header'), (c) => { c.segments = (h, p) => [nonCanonical(h), p]; }),
  'payload-segment-non-canonical': all(unaligned('payload'), (c) => { c.segments = (h, p) => [h, nonCanonical(p)]; }),
  'payload-segment-standard-alphabet': all(urlOnlyCharacters('payload'), (c) => { c.segments = (h, p) => [h, standardAlphabet(p)]; }),

  'signature-empty': signatureEdit(() => ''),
  'signature-bit-flipped': (c) => { c.finish = flipSignatureBit; },
  'signature-truncated': signatureEdit((s) => s.slice(0, -4 - int(40))),
  'signature-extended': signatureEdit((s) => s + 'AAAA'),
  'signature-padded': signatureEdit(padded),
  'signature-non-canonical': signatureEdit(nonCanonical),
  'signature-standard-alphabet': signatureEdit((s) => (/[-_]/.test(s) ? standardAlphabet(s) : `${s.slice(0, -1)}+`)),
  'signature-of-another-token': signatureEdit(() => other()),
  'signature-by-unpublished-key': (c) => { c.sign = signRsa('sha256', attackerKey); },
  'signature-by-embedded-key': all(header('kid', J('attacker')), (c) => { c.header.set('jwk', J(attackerJwk())); c.sign = signRsa('sha256', attackerKey); }),
};

const names = Object.keys(mutations);
const lines = [];
for (let id = 0; id < Number(COUNT); id++) {
  // Every mutation once before any twice, then at random, so a small COUNT still covers them all.
  const mutation = id < names.length ? names[id] : pick(names);
  const c = baseCase();
  mutations[mutation](c);
  lines.push(J({ id, mutation, token: encode(c) }));
}
fs.writeFileSync(outFile, lines.join('\n') + '\n');
