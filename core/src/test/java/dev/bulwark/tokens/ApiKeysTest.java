package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.tokens.spi.ApiKeyRecord;
import dev.bulwark.tokens.spi.ApiKeyStore;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final Fixtures f = new Fixtures();
    private final ApiKeyStore store = ApiKeyStore.inMemory(100);
    private final ApiKeys keys = ApiKeys.builder().store(store).clock(f.clock).accessTokens(f.tokens)
            .sessions(f.sessions).auditSink(f.audit).build();

    private static TokenException rejection(Runnable r) {
        try {
            r.run();
        } catch (TokenException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void create_returnsRawKeyOnce_storesHashAndMaskedPrefix() {
        ApiKeys.CreatedApiKey c = keys.create("org-1", "ci", Set.of("projects.read"), null);
        assertThat(c.rawKey()).matches("ak_live_[0-9a-f]{64}");
        ApiKeyRecord r = c.info();
        assertThat(r.keyId()).isEqualTo(c.rawKey().substring(8, 24));
        assertThat(r.displayPrefix()).isEqualTo(c.rawKey().substring(0, 12) + "…");
        assertThat(r.hash()).doesNotContain(c.rawKey().substring(8));
        assertThat(r.toString() + c.toString()).doesNotContain(c.rawKey());
        assertThat(keys.list("org-1")).singleElement().satisfies(x -> {
            assertThat(x.hash()).isEqualTo(r.hash());
            assertThat(x.toString()).doesNotContain(c.rawKey());
        });
        assertThat(f.audit.events()).anyMatch(e -> e.action().equals("api_key_created") && r.keyId().equals(e.subject()));
    }

    @Test
    void authenticate_updatesLastUsed_andIsOrgScoped() {
        ApiKeys.CreatedApiKey c = keys.create("org-1", null, Set.of("a.read"), null);
        f.clock.advance(Duration.ofMinutes(3));
        ApiKeys.ApiKeyPrincipal p = keys.authenticate(c.rawKey());
        assertThat(p.org()).isEqualTo("org-1");
        assertThat(p.scopes()).containsExactly("a.read");
        assertThat(store.find(p.keyId()).orElseThrow().lastUsedAt()).isEqualTo(f.clock.instant());
        assertThat(keys.list("org-2")).isEmpty();
        assertThat(keys.revoke("org-2", p.keyId())).isFalse();
        assertThat(keys.authenticate(c.rawKey()).keyId()).isEqualTo(p.keyId());
    }

    @Test
    void revoke_isImmediate() {
        ApiKeys.CreatedApiKey c = keys.create("org-1", null, null, null);
        keys.authenticate(c.rawKey());
        assertThat(keys.revoke("org-1", c.info().keyId())).isTrue();
        TokenException e = rejection(() -> keys.authenticate(c.rawKey()));
        assertThat(e.reason()).isEqualTo(TokenReason.API_KEY_REVOKED);
        assertThat(e.getMessage()).isEqualTo("Invalid or revoked API key");
        assertThat(f.audit.events()).anyMatch(x -> x.action().equals("api_key_revoked"));
    }

    @Test
    void expiry_enforced() {
        ApiKeys.CreatedApiKey c = keys.create("org-1", null, null, Duration.ofDays(1));
        f.clock.advance(Duration.ofDays(1));
        assertThat(rejection(() -> keys.authenticate(c.rawKey())).reason()).isEqualTo(TokenReason.API_KEY_EXPIRED);
    }

    @Test
    void wrongOrMalformedKeys_rejectedWithSameMessage() {
        ApiKeys.CreatedApiKey c = keys.create("org-1", null, null, null);
        String raw = c.rawKey();
        String sameIdOtherSecret = raw.substring(0, 24) + "0".repeat(40);
        for (String bad : new String[] {null, "", "ak_live_", raw.toUpperCase(), raw + "0", "ak_test_" + raw.substring(8),
                sameIdOtherSecret, "ak_live_" + "g".repeat(64), "Bearer " + raw}) {
            TokenException e = rejection(() -> keys.authenticate(bad));
            assertThat(e.reason()).isEqualTo(TokenReason.API_KEY_INVALID);
            assertThat(e.getMessage()).isEqualTo(ApiKeys.REJECTION);
        }
        assertThat(f.audit.events().toString()).doesNotContain(raw).doesNotContain(raw.substring(24));
    }

    @Test
    void testModeAndPepper() {
        ApiKeys test = ApiKeys.builder().store(store).clock(f.clock).testMode()
                .pepper(Secret.ofBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                        21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32})).build();
        ApiKeys.CreatedApiKey c = test.create("org-1", null, null, null);
        assertThat(c.rawKey()).startsWith("ak_test_");
        assertThat(test.authenticate(c.rawKey()).org()).isEqualTo("org-1");
        // without the pepper the stored HMAC does not match
        ApiKeys unpeppered = ApiKeys.builder().store(store).clock(f.clock).testMode().build();
        assertThat(rejection(() -> unpeppered.authenticate(c.rawKey())).reason()).isEqualTo(TokenReason.API_KEY_INVALID);
        assertThat(rejection(() -> keys.authenticate(c.rawKey())).reason()).isEqualTo(TokenReason.API_KEY_INVALID);
        assertThatThrownBy(() -> ApiKeys.builder().store(store).clock(f.clock).pepper(Secret.ofBytes(new byte[16])).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("pepper");
    }

    @Test
    void exchange_givesFiveMinuteAccessTokenForTheOrg() {
        ApiKeys.CreatedApiKey c = keys.create("org-1", null, Set.of("projects.read"), null);
        IssuedToken t = keys.exchange(c.rawKey());
        assertThat(t.expiresInSeconds()).isEqualTo(300);
        VerifiedToken v = f.tokens.verify(t.token());
        assertThat(v.subject()).isEqualTo("apikey:" + c.info().keyId());
        assertThat(v.org()).isEqualTo("org-1");
        assertThat(v.scopes()).containsExactly("projects.read");
        keys.revoke("org-1", c.info().keyId());
        assertThat(rejection(() -> keys.exchange(c.rawKey())).reason()).isEqualTo(TokenReason.API_KEY_REVOKED);
    }

    @Test
    void create_requiresOrg() {
        assertThatThrownBy(() -> keys.create(" ", null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
