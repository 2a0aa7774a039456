// Verifies Bulwark-minted at+jwt tokens (bulwark_tokens.json) with the independent `jose` library.
import * as jose from 'jose';
import { readFileSync } from 'node:fs';
const d = JSON.parse(readFileSync(process.argv[2] ?? 'bulwark_tokens.json', 'utf8'));
let failures = 0;
for (const c of d.cases) {
  try {
    const key = c.k ? jose.base64url.decode(c.k) : jose.createLocalJWKSet(c.jwks);
    const { payload, protectedHeader } = await jose.jwtVerify(c.token, key, {
      issuer: 'https://id.example.com', audience: 'api.example.com', typ: 'at+jwt',
      currentDate: new Date((d.iat + 60) * 1000), algorithms: [c.alg] });
    console.log('OK  ', c.alg, protectedHeader.kid, payload.sub, payload.sid, payload.scope);
  } catch (e) {
    failures++;
    console.log('FAIL', c.alg, e.code || e.message);
  }
}
process.exit(failures ? 1 : 0);
