// Generates the official-library webhook fixtures under webhooks/src/test/resources/vectors/sdk/.
//
// Run from a scratch directory OUTSIDE the repository in which the libraries are installed (exact versions in
// SOURCES.md), giving the output directory:
//
//   npm install --save-exact @shopify/shopify-api@13.1.0 @paddle/paddle-node-sdk@3.10.0 mercadopago@3.6.1 \
//       @slack/bolt@5.1.0 @slack/events-api@3.0.1 whatsapp@0.0.5-Alpha
//   node generate.mjs /path/to/webhooks/src/test/resources/vectors/sdk
//
// Where the official library can SIGN (Shopify, Meta/WhatsApp), the signature is the library's output.
// Where it can only VERIFY (Paddle, Mercado Pago, Slack), the signature comes from signIndependently() below (the
// provider's documented algorithm on node:crypto) and the script FAILS unless the official verifier accepts every
// case and rejects a tampered copy of it; what it called and what it answered is written into each case.
// Secrets and timestamps are fixed, so the output is reproducible byte for byte (apart from "generatedOn").

import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'generate.cjs'));
const outDir = process.argv[2];
if (!outDir) {
    throw new Error('usage: node generate.mjs <output directory>');
}
const GENERATED_ON = process.env.GENERATED_ON || new Date().toISOString().slice(0, 10);

function versionOf(pkg) {
    const file = path.join(process.cwd(), 'node_modules', ...pkg.split('/'), 'package.json');
    return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

function sha256Hex(text) {
    return crypto.createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

function hmacHex(secret, message) {
    return crypto.createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(message, 'utf8')).digest('hex');
}

/** Runs fn with Date/Date.now frozen at ms (for verifiers that read the wall clock and take no clock). */
async function withFixedNow(ms, fn) {
    const RealDate = globalThis.Date;
    class FixedDate extends RealDate {
        constructor(...args) {
            super(...(args.length ? args : [ms]));
        }

        static now() {
            return ms;
        }
    }
    globalThis.Date = FixedDate;
    try {
        return await fn();
    } finally {
        globalThis.Date = RealDate;
    }
}

/** One byte of the body changed (the same change the Java test makes first), for the "official rejects" check. */
function tamperText(text) {
    const b = Buffer.from(text, 'utf8');
    b[0] ^= 0x01;
    return b.toString('utf8');
}

function tamperHex(hex) {
    const c = hex[hex.length - 1];
    return hex.slice(0, -1) + (c === '0' ? '1' : '0');
}

// ---------------------------------------------------------------- payloads (fixed)

function body4KiB() {
    // exactly 4096 UTF-8 bytes, multi-byte characters included
    const head = '{"id":"evt_4k","type":"bulk.updated","note":"Grüße, 東京, 🚀","data":"';
    const tail = '"}';
    const fill = 4096 - Buffer.byteLength(head + tail, 'utf8');
    const unit = 'abcdefghij0123456789';
    let pad = '';
    while (pad.length < fill) {
        pad += unit;
    }
    const out = head + pad.slice(0, fill) + tail;
    if (Buffer.byteLength(out, 'utf8') !== 4096) {
        throw new Error('4 KiB body is not 4096 bytes');
    }
    return out;
}

const UNICODE = '{"id":"evt_ü","text":"naïve café — 東京 — Привет — 🚀👩🏽‍💻 — e\u0301","rtl":"שלום"}';
const CRLF = '{\r\n  "id": "evt_crlf",\r\n  "type": "line.endings"\r\n}\r\n';

// ---------------------------------------------------------------- independent signing (documented algorithms)

const signIndependently = {
    paddle: (secret, ts, body) => hmacHex(secret, `${ts}:${body}`),
    slack: (secret, ts, body) => hmacHex(secret, `v0:${ts}:${body}`),
    mercadopago: (secret, manifest) => hmacHex(secret, manifest),
};

// ---------------------------------------------------------------- Shopify (signs: test-helpers getHmac)

async function shopify() {
    require('@shopify/shopify-api/adapters/node');
    const { shopifyApi, ApiVersion } = require('@shopify/shopify-api');
    const { getHmac } = require('@shopify/shopify-api/test-helpers');
    const secret = 'shpss_bulwark_fixture_client_secret_0001';
    const api = shopifyApi({
        apiKey: 'bulwark-fixture-key',
        apiSecretKey: secret,
        scopes: ['read_orders'],
        hostName: 'bulwark.example',
        apiVersion: ApiVersion.October25 ?? Object.values(ApiVersion).pop(),
        isEmbeddedApp: false,
        logger: { level: 0, log: () => {} },
    });
    const bodies = [
        ['order-created', '{"id":820982911946154508,"email":"jon@example.com","total_price":"254.98","currency":"USD"}'],
        ['unicode', UNICODE],
        ['crlf', CRLF],
        ['4kib', body4KiB()],
    ];
    const cases = [];
    for (const [name, body] of bodies) {
        const hmac = getHmac(body, secret);
        const headers = {
            'X-Shopify-Hmac-Sha256': hmac,
            'X-Shopify-Topic': 'orders/create',
            'X-Shopify-Shop-Domain': 'bulwark-fixture.myshopify.com',
            'X-Shopify-API-Version': '2025-10',
            'X-Shopify-Webhook-Id': `b54557e4-bdd9-4b37-8a5f-bf7d70bcd0${String(cases.length).padStart(2, '0')}`,
            'X-Shopify-Triggered-At': '2026-11-23T12:00:00.000Z',
        };
        const validate = async (b) => api.webhooks.validate({
            rawBody: b,
            rawRequest: { method: 'POST', url: '/webhooks/shopify', headers: lower(headers) },
            rawResponse: {},
        });
        const ok = await validate(body);
        const bad = await validate(tamperText(body));
        if (!ok.valid || bad.valid) {
            throw new Error(`shopify ${name}: official validate did not accept the signed body / reject the tampered one`);
        }
        cases.push({
            name,
            secret,
            body,
            bodySha256: sha256Hex(body),
            headers,
            now: 1795435200,
            signedBy: 'getHmac(body, apiSecretKey) from @shopify/shopify-api/test-helpers',
            officialChecks: [
                { function: 'shopifyApi(...).webhooks.validate({rawBody, rawRequest, rawResponse}) (node adapter)',
                    input: 'as signed', result: `valid=${ok.valid}, webhookId=${ok.webhookId}` },
                { function: 'shopifyApi(...).webhooks.validate (node adapter)', input: 'first body byte XOR 0x01',
                    result: `valid=${bad.valid}, reason=${bad.reason}` },
            ],
        });
    }
    return {
        provider: 'shopify',
        scheme: 'shopify',
        library: '@shopify/shopify-api',
        version: versionOf('@shopify/shopify-api'),
        repository: 'https://github.com/Shopify/shopify-app-js (packages/apps/shopify-api)',
        mode: 'signed-by-official-library',
        generatedOn: GENERATED_ON,
        cases,
    };
}

function lower(headers) {
    return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

// ---------------------------------------------------------------- Meta (signs: WhatsApp Node SDK generateXHub256Sig)

async function meta() {
    // whatsapp@0.0.5-Alpha: Meta's official WhatsApp Cloud API SDK (WhatsApp/WhatsApp-Nodejs-SDK). Its package
    // "exports" only lists ".", so the module is loaded by file path; its webhook listener uses exactly this
    // function to check X-Hub-Signature-256 (build/api/webhooks.js).
    const utilsPath = path.join(process.cwd(), 'node_modules', 'whatsapp', 'build', 'utils.js');
    const { generateXHub256Sig } = require(utilsPath);
    const secret = 'bulwark-fixture-meta-app-secret-7f3a';
    const bodies = [
        ['whatsapp-message', '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]}'],
        ['instagram-unicode', '{"object":"instagram","entry":[{"id":"17841405822304914","time":1795435200,"changes":[{"field":"comments","value":{"id":"17865799348089039","text":"Olá 👋 — ¿qué tal? 東京 e\u0301"}}]}]}'],
        ['unicode', UNICODE],
        ['4kib', body4KiB()],
    ];
    const cases = [];
    for (const [name, body] of bodies) {
        const hex = generateXHub256Sig(body, secret);
        if (hex !== hmacHex(secret, body)) {
            throw new Error(`meta ${name}: SDK output differs from the documented algorithm`);
        }
        cases.push({
            name,
            secret,
            body,
            bodySha256: sha256Hex(body),
            headers: { 'X-Hub-Signature-256': `sha256=${hex}` },
            now: 1795435200,
            signedBy: 'generateXHub256Sig(body, appSecret) from whatsapp/build/utils.js; header = "sha256=" + result',
            officialChecks: [
                { function: 'generateXHub256Sig (the value WebhooksAPI compares X-Hub-Signature-256 with)',
                    input: 'first body byte XOR 0x01',
                    result: generateXHub256Sig(tamperText(body), secret) === hex ? 'same (BUG)' : 'different' },
            ],
        });
    }
    return {
        provider: 'meta',
        scheme: 'meta',
        library: 'whatsapp (WhatsApp Business Platform Node.js SDK, Meta Platforms; repository archived)',
        version: versionOf('whatsapp'),
        repository: 'https://github.com/WhatsApp/WhatsApp-Nodejs-SDK',
        mode: 'signed-by-official-library',
        generatedOn: GENERATED_ON,
        cases,
    };
}

// ---------------------------------------------------------------- Paddle (verifies only)

async function paddle() {
    const { Paddle, Environment } = require('@paddle/paddle-node-sdk');
    const client = new Paddle('pdl_sdbx_apikey_bulwarkfixture000000000000000000000000', {
        environment: Environment.sandbox,
    });
    const secret = 'pdl_ntfset_01jbwz8a1bulwarkfixture_Rb3kX9VqT2mN8pL4sD7fH1jK5wE0';
    const old = 'pdl_ntfset_01jbwz8a1bulwarkfixture_OLDSECRETrotation000000000000';
    const ts = 1795435200;
    const bodies = [
        ['customer-created', '{"event_id":"evt_01jbwzbulwarkfixture00000001","event_type":"customer.created","occurred_at":"2026-11-23T12:00:00.000000Z","notification_id":"ntf_01jbwzbulwarkfixture0000001","data":{"id":"ctm_01jbwzbulwarkfixture000001","name":"Jo Müller","email":"jo@example.com","status":"active","custom_data":null,"locale":"de","marketing_consent":false,"import_meta":null,"created_at":"2026-11-23T12:00:00.000Z","updated_at":"2026-11-23T12:00:00.000Z"}}'],
        ['unicode', UNICODE],
        ['crlf', CRLF],
        ['4kib', body4KiB()],
    ];
    const cases = [];
    for (const [name, body] of bodies) {
        const h1 = signIndependently.paddle(secret, ts, body);
        cases.push(await paddleCase(client, name, secret, body, ts, `ts=${ts};h1=${h1}`));
    }
    // secret rotation: Paddle sends one h1 per active secret; the SDK reads only the last one
    const body = bodies[0][1];
    const rotated = `ts=${ts};h1=${signIndependently.paddle(old, ts, body)};h1=${signIndependently.paddle(secret, ts, body)}`;
    cases.push(await paddleCase(client, 'rotation-two-h1', secret, body, ts, rotated));
    return {
        provider: 'paddle',
        scheme: 'paddle',
        library: '@paddle/paddle-node-sdk',
        version: versionOf('@paddle/paddle-node-sdk'),
        repository: 'https://github.com/PaddleHQ/paddle-node-sdk',
        mode: 'verified-by-official-library',
        generatedOn: GENERATED_ON,
        cases,
    };
}

async function paddleCase(client, name, secret, body, ts, header) {
    const nowMs = (ts + 3) * 1000; // the SDK reads Date; 3 s after signing, inside its 5 s window
    const checks = await withFixedNow(nowMs, async () => {
        const ok = await client.webhooks.isSignatureValid(body, secret, header);
        let unmarshalled;
        try {
            const event = await client.webhooks.unmarshal(body, secret, header);
            unmarshalled = `accepted (eventType=${event.eventType})`;
        } catch (e) {
            unmarshalled = `threw: ${e.message}`;
        }
        const bad = await client.webhooks.isSignatureValid(tamperText(body), secret, header);
        return { ok, bad, unmarshalled };
    });
    const jsonBody = name !== 'crlf' && name !== 'unicode-invalid';
    if (!checks.ok || checks.bad || (jsonBody && !checks.unmarshalled.startsWith('accepted'))) {
        throw new Error(`paddle ${name}: official verifier did not accept / reject as expected: ${JSON.stringify(checks)}`);
    }
    return {
        name,
        secret,
        body,
        bodySha256: sha256Hex(body),
        headers: { 'Paddle-Signature': header },
        now: ts + 3,
        signedBy: 'independent HMAC-SHA256(secret, ts + ":" + body) in generate.mjs (the SDK cannot sign)',
        officialChecks: [
            { function: 'new Paddle(apiKey).webhooks.isSignatureValid(body, secretKey, signature)',
                input: 'as signed, Date frozen at now', result: String(checks.ok) },
            { function: 'new Paddle(apiKey).webhooks.unmarshal(body, secretKey, signature)',
                input: 'as signed, Date frozen at now', result: checks.unmarshalled },
            { function: 'new Paddle(apiKey).webhooks.isSignatureValid', input: 'first body byte XOR 0x01',
                result: String(checks.bad) },
        ],
    };
}

// ---------------------------------------------------------------- Mercado Pago (verifies only)

async function mercadoPago() {
    const { WebhookSignatureValidator, InvalidWebhookSignatureError } = require('mercadopago');
    const secret = 'bulwarkfixturemercadopagosecret0123456789abcdef0123456789abcdef01';
    const ts = '1795435200';
    const now = 1795435260;
    const specs = [
        // name, data.id as in the URL, x-request-id, id the SDK is given
        ['payment', '123456789012', 'bb56a2f1-6aae-46ac-982e-9dcd3581d08e'],
        ['payment-2', '98765432101', '2f7e1b0c-6c1d-4a55-9d0e-3a1f5c7b8e90'],
        ['merchant-order', '32125867413', 'c4b1a2d3-e5f6-4789-8abc-def012345678'],
        // an alphanumeric id (Orders API): Mercado Pago documents that it is signed lower-cased; the SDK does not
        // lower-case, so the integrator has to hand it the lower-cased id (recorded below)
        ['order-alphanumeric', 'ORD01JQ4S4KY8HWQ6NA5PXB65B3D3', 'd7e1f0a2-3b4c-4d5e-8f90-a1b2c3d4e5f6'],
    ];
    const cases = [];
    for (const [name, urlId, requestId] of specs) {
        const body = `{"action":"payment.updated","api_version":"v1","data":{"id":"${urlId}"},"live_mode":false,"type":"payment"}`;
        const manifest = `id:${urlId.toLowerCase()};request-id:${requestId};ts:${ts};`;
        const v1 = signIndependently.mercadopago(secret, manifest);
        const header = `ts=${ts},v1=${v1}`;
        const run = (dataId, xRequestId, sig) => {
            try {
                WebhookSignatureValidator.validate({
                    xSignature: sig, xRequestId, dataId, secret, toleranceSeconds: 300, now: () => now * 1000,
                });
                return 'accepted';
            } catch (e) {
                if (e instanceof InvalidWebhookSignatureError) {
                    return `rejected: ${e.reason}`;
                }
                throw e;
            }
        };
        const okLower = run(urlId.toLowerCase(), requestId, header);
        const asInUrl = run(urlId, requestId, header);
        const badRequestId = run(urlId.toLowerCase(), tamperText(requestId), header);
        const badSig = run(urlId.toLowerCase(), requestId, `ts=${ts},v1=${tamperHex(v1)}`);
        if (okLower !== 'accepted' || !badRequestId.startsWith('rejected') || !badSig.startsWith('rejected')) {
            throw new Error(`mercadopago ${name}: official validator did not accept / reject as expected`);
        }
        const checks = [
            { function: 'WebhookSignatureValidator.validate({xSignature, xRequestId, dataId, secret, toleranceSeconds: 300, now})',
                input: 'dataId lower-cased, as signed', result: okLower },
        ];
        if (urlId !== urlId.toLowerCase()) {
            checks.push({ function: 'WebhookSignatureValidator.validate', input: 'dataId exactly as in the URL',
                result: asInUrl });
        }
        checks.push({ function: 'WebhookSignatureValidator.validate', input: 'first x-request-id byte XOR 0x01',
            result: badRequestId });
        checks.push({ function: 'WebhookSignatureValidator.validate', input: 'last v1 hex digit changed',
            result: badSig });
        cases.push({
            name,
            secret,
            body,
            bodySha256: sha256Hex(body),
            url: `https://bulwark.example/webhooks/mercadopago?data.id=${urlId}&type=payment`,
            headers: { 'x-signature': header, 'x-request-id': requestId },
            manifest,
            now,
            signedBy: 'independent HMAC-SHA256(secret, manifest) in generate.mjs (the SDK cannot sign)',
            officialChecks: checks,
        });
    }
    return {
        provider: 'mercadopago',
        scheme: 'mercadopago',
        library: 'mercadopago (Mercado Pago Node.js SDK)',
        version: versionOf('mercadopago'),
        repository: 'https://github.com/mercadopago/sdk-nodejs',
        mode: 'verified-by-official-library',
        generatedOn: GENERATED_ON,
        cases,
    };
}

// ---------------------------------------------------------------- Slack (verifies only)

async function slack() {
    const { verifySlackRequest, isValidSlackRequest } = require('@slack/bolt');
    const { verifyRequestSignature } = require('@slack/events-api');
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    const ts = 1795435200;
    const now = ts + 60;
    const bodies = [
        ['slash-command-form', 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=caf%C3%A9+%F0%9F%9A%80&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c', 'application/x-www-form-urlencoded'],
        ['event-callback-unicode', '{"token":"XXYYZZ","team_id":"T061EG9R6","type":"event_callback","event":{"type":"message","text":"Привет 👋 東京 e\u0301","user":"U061F7AUR","ts":"1795435200.000100"},"event_id":"Ev9UQ52YNA"}', 'application/json'],
        ['4kib', body4KiB(), 'application/json'],
    ];
    const cases = [];
    for (const [name, body, contentType] of bodies) {
        const signature = `v0=${signIndependently.slack(secret, ts, body)}`;
        const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts };
        let boltResult;
        try {
            verifySlackRequest({ signingSecret: secret, body, headers, nowMilliseconds: now * 1000 });
            boltResult = 'accepted (no exception)';
        } catch (e) {
            boltResult = `threw: ${e.message}`;
        }
        const boltBad = isValidSlackRequest({ signingSecret: secret, body: tamperText(body), headers,
            nowMilliseconds: now * 1000 });
        const eventsApi = await withFixedNow(now * 1000, async () => {
            try {
                return String(verifyRequestSignature({ signingSecret: secret, requestSignature: signature,
                    requestTimestamp: ts, body }));
            } catch (e) {
                return `threw: ${e.code}`;
            }
        });
        const eventsApiBad = await withFixedNow(now * 1000, async () => {
            try {
                return String(verifyRequestSignature({ signingSecret: secret, requestSignature: signature,
                    requestTimestamp: ts, body: tamperText(body) }));
            } catch (e) {
                return `threw: ${e.code}`;
            }
        });
        if (!boltResult.startsWith('accepted') || boltBad || eventsApi !== 'true' || !eventsApiBad.startsWith('threw')) {
            throw new Error(`slack ${name}: official verifiers did not accept / reject as expected`);
        }
        cases.push({
            name,
            secret,
            body,
            bodySha256: sha256Hex(body),
            headers: { 'Content-Type': contentType, 'X-Slack-Signature': signature,
                'X-Slack-Request-Timestamp': String(ts) },
            now,
            signedBy: 'independent HMAC-SHA256(secret, "v0:" + ts + ":" + body) in generate.mjs (no Slack library signs)',
            officialChecks: [
                { function: '@slack/bolt verifySlackRequest({signingSecret, body, headers, nowMilliseconds})',
                    input: 'as signed', result: boltResult },
                { function: '@slack/bolt isValidSlackRequest', input: 'first body byte XOR 0x01', result: String(boltBad) },
                { function: `@slack/events-api@${versionOf('@slack/events-api')} verifyRequestSignature({signingSecret, requestSignature, requestTimestamp, body})`,
                    input: 'as signed, Date frozen at now', result: eventsApi },
                { function: '@slack/events-api verifyRequestSignature', input: 'first body byte XOR 0x01',
                    result: eventsApiBad },
            ],
        });
    }
    return {
        provider: 'slack',
        scheme: 'slack',
        library: '@slack/bolt (and @slack/events-api)',
        version: versionOf('@slack/bolt'),
        repository: 'https://github.com/slackapi/bolt-js, https://github.com/slackapi/node-slack-sdk',
        mode: 'verified-by-official-library',
        generatedOn: GENERATED_ON,
        cases,
    };
}

// ---------------------------------------------------------------- main

const fixtures = {
    'shopify_official.json': await shopify(),
    'meta_official.json': await meta(),
    'paddle_official.json': await paddle(),
    'mercadopago_official.json': await mercadoPago(),
    'slack_official.json': await slack(),
};
fs.mkdirSync(outDir, { recursive: true });
for (const [file, content] of Object.entries(fixtures)) {
    fs.writeFileSync(path.join(outDir, file), JSON.stringify(content, null, 2) + '\n');
    console.log(`${file}: ${content.library} ${content.version}, ${content.cases.length} cases`);
}
