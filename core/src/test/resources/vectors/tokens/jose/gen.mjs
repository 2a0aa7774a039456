// Mints at+jwt access tokens with the independent `jose` library (npm, panva/jose v5) for Bulwark's
// interop test. Run: npm install jose@5 && node gen.mjs > jose_tokens.json
import * as jose from 'jose';
const iat = 1767225600; // 2026-01-01T00:00:00Z
const out = { generator: 'jose ' + (await import('jose/package.json', { with: { type: 'json' } }).catch(() => ({default:{version:'5'}}))).default.version, iat, cases: [] };
const claims = { iss: 'https://id.example.com', aud: 'api.example.com', sub: 'u-jose', sid: 'sid-jose', jti: 'j-jose', org: 'org-jose', scope: 'a.read b.write', roles: ['admin'] };
for (const alg of ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA']) {
  let signKey, jwk;
  if (alg === 'HS256') {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    signKey = raw;
    jwk = { kty: 'oct', k: jose.base64url.encode(raw) };
  } else {
    const kp = await jose.generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519', extractable: true } : { extractable: true });
    signKey = kp.privateKey;
    jwk = await jose.exportJWK(kp.publicKey);
  }
  const token = await new jose.SignJWT(claims).setProtectedHeader({ alg, kid: 'jose-' + alg, typ: 'at+jwt' })
    .setIssuedAt(iat).setExpirationTime(iat + 600).sign(signKey);
  out.cases.push({ alg, kid: 'jose-' + alg, jwk, token });
}
console.log(JSON.stringify(out, null, 1));
