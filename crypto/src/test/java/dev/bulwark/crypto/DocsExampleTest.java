package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.InMemoryAuditSink;
import dev.bulwark.core.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The usage example of docs/crypto.md, kept compiling and passing. */
class DocsExampleTest {

    @Test
    void docsExample_runs() {
        Clock clock = EnvelopeEncryptorTest.CLOCK;
        InMemoryAuditSink audit = new InMemoryAuditSink();
        String keyRingJson = KeyRings.toJson(KeyRings.generate(clock));   // what `bulwark keys new kek` prints

        // --- docs/crypto.md example starts
        // 1. Envelope encryption of a column, bound to its row and tenant
        EnvelopeEncryptor encryptor = EnvelopeEncryptor.builder()
                .kekProvider(KekProviders.environment(Map.of("BULWARK_KEYRING", keyRingJson), "BULWARK_KEYRING"))
                .clock(clock).auditSink(audit).build();
        EncryptionContext ctx = EncryptionContext.of("tenant", "org-42", "table", "users", "column", "email", "row", "u-17");
        byte[] sealed = encryptor.encrypt("ada@example.com".getBytes(StandardCharsets.UTF_8), ctx);
        byte[] email = encryptor.decrypt(sealed, ctx);          // DecryptionException for any other ctx or any change

        // 2. Blind index for lookups by email, with its own key derived from a master secret
        Secret master = Secret.ofBytes(dev.bulwark.core.RandomTokens.bytes(32));
        BlindIndex emailIndex = BlindIndex.builder("users.email")
                .key(Hkdf.sha256().derive(master, null, "bulwark/blind-index/users.email", 32))
                .normalizer(BlindIndex.Normalization.EMAIL).build();
        String lookup = emailIndex.compute(" Ada@Example.com ");

        // 3. Pairwise ids: one per (user, app), uncorrelatable across apps
        PairwiseIds pairwise = PairwiseIds.deterministic(Hkdf.sha256().derive(master, null, "bulwark/pairwise", 32));
        String slug = pairwise.idFor("u-17", "app-analytics").base62();

        // 4. Passwords: Argon2id (OWASP), legacy bcrypt verified and upgraded on login
        PasswordHasher hasher = PasswordHasher.delegating(PasswordHasher.argon2id().build(),
                PasswordHasher.bcrypt().build());
        String stored = "$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG";
        VerifiedPassword ok = hasher.verify(Secret.ofUtf8("password"), stored);   // or PasswordMismatchException
        String upgraded = ok.upgradedHash().orElse(stored);                        // store it: $argon2id$...
        // --- docs/crypto.md example ends

        assertThat(new String(email, StandardCharsets.UTF_8)).isEqualTo("ada@example.com");
        assertThat(lookup).isEqualTo(emailIndex.compute("ada@example.com"));
        assertThat(slug).hasSize(22);
        assertThat(upgraded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }
}
