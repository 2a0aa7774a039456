package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    /** Cheap parameters for tests (below the floor: allowed outside production, with a warning). */
    static final Argon2Params FAST = new Argon2Params(256, 2, 1);
    static final PasswordHasher ARGON = PasswordHasher.argon2id().params(FAST).build();
    static final PasswordHasher BCRYPT = PasswordHasher.bcrypt().cost(10).build();

    private static Secret pw(String s) {
        return Secret.ofUtf8(s);
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable c, CryptoReason r) {
        assertThatThrownBy(c).isInstanceOf(CryptoException.class)
                .satisfies(e -> assertThat(((CryptoException) e).reason()).isEqualTo(r));
    }

    /** Argon2id reference implementation (P-H-C/phc-winner-argon2 src/test.c) PHC strings for version 0x13. */
    @Test
    void argon2id_referenceImplementationPhcStrings_verify() {
        String[][] cases = {
            {"password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"},
            {"password", "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"},
            {"password", "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc"},
            {"password", "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$9qWtwbpyPd3vm1rB1GThgPzZ3/ydHL92zKL+15XZypg"},
            {"differentpassword",
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$C4TWUs9rDEvq7w3+J4umqA32aWKB1+DSiRuBfYxFj94"},
            {"password", "$argon2id$v=19$m=65536,t=2,p=1$ZGlmZnNhbHQ$vfMrBczELrFdWP0ZsfhWsRPaHppYdP3MVEMIVlqoFBw"},
        };
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            try {
                VerifiedPassword v = ARGON.verify(pw(c[0]), c[1]);
                assertThat(v.needsRehash()).isTrue();
            } catch (CryptoException e) {
                failures.add(c[1] + " -> " + e.reason());
            }
            assertThatThrownBy(() -> ARGON.verify(pw(c[0] + "x"), c[1])).isInstanceOf(PasswordMismatchException.class);
        }
        assertThat(failures).isEmpty();
    }

    /** Openwall crypt_blowfish wrapper.c vectors and Spring Security's documented hash of "password". */
    @Test
    void bcrypt_hashesFromOtherImplementations_verify() {
        String[][] cases = {
            {"U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"},
            {"U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"},
            {"U*U*U", "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"},
            {"", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"},
            {"U*U", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"},
            {"U*U", "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"},
            {"password", "$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG"},
        };
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            try {
                BCRYPT.verify(pw(c[0]), c[1]);
            } catch (CryptoException e) {
                failures.add(c[1] + " -> " + e.reason());
            }
            assertThatThrownBy(() -> BCRYPT.verify(pw(c[0] + "!"), c[1])).isInstanceOf(PasswordMismatchException.class);
        }
        assertThat(failures).isEmpty();
        assertThat(BCRYPT.needsRehash("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")).isTrue();
        assertThat(BCRYPT.needsRehash("$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG")).isFalse();
    }

    @Test
    void bcrypt_over72Bytes_refusedNotTruncated() {
        String longPw = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored";
        // the Openwall vector for this password was made by truncating it: we refuse instead
        assertReason(() -> BCRYPT.verify(pw(longPw), "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui"),
                CryptoReason.PASSWORD_TOO_LONG);
        assertReason(() -> BCRYPT.hash(pw("x".repeat(73))), CryptoReason.PASSWORD_TOO_LONG);
        String h = BCRYPT.hash(pw("x".repeat(72)));
        assertThat(BCRYPT.verify(pw("x".repeat(72)), h).needsRehash()).isFalse();
        assertThatThrownBy(() -> BCRYPT.verify(pw("x".repeat(71)), h)).isInstanceOf(PasswordMismatchException.class);
    }

    @Test
    void argon2id_hash_thenVerify_phcShape() {
        String h = ARGON.hash(pw("correct horse battery staple"));
        assertThat(h).matches("\\$argon2id\\$v=19\\$m=256,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(ARGON.verify(pw("correct horse battery staple"), h).needsRehash()).isFalse();
        assertThatThrownBy(() -> ARGON.verify(pw("correct horse battery stapl"), h))
                .isInstanceOf(PasswordMismatchException.class).hasMessage("password does not match");
        assertThat(ARGON.hash(pw("a"))).isNotEqualTo(ARGON.hash(pw("a")));
    }

    @Test
    void argon2id_defaults_areOwasp_andVerify() {
        Argon2idPasswordHasher def = PasswordHasher.argon2id().environment("production").build();
        assertThat(def.params()).isEqualTo(new Argon2Params(19_456, 2, 1));
        String h = def.hash(pw("pw"));
        assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(def.verify(pw("pw"), h).needsRehash()).isFalse();
        assertThat(Argon2Params.OWASP_STRONG).isEqualTo(new Argon2Params(47_104, 1, 1));
        assertThat(Argon2Params.OWASP_STRONG.meetsOwaspFloor()).isTrue();
    }

    @Test
    void argon2id_belowFloor_refusedInProductionOnly() {
        assertThatThrownBy(() -> PasswordHasher.argon2id().params(FAST).environment("production").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OWASP");
        assertThatThrownBy(() -> PasswordHasher.argon2id().params(new Argon2Params(19_455, 2, 1))
                .environment("prod").build()).isInstanceOf(ConfigurationException.class);
        assertThat(PasswordHasher.argon2id().params(new Argon2Params(9_216, 4, 1)).environment("prod").build())
                .isNotNull();
        assertThat(PasswordHasher.argon2id().params(FAST).environment("dev").build()).isNotNull();
        assertThatThrownBy(() -> new Argon2Params(1 << 21, 1, 1)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void bcrypt_costBelow10_refused() {
        assertThatThrownBy(() -> PasswordHasher.bcrypt().cost(9).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("between 10");
        assertThat(PasswordHasher.bcrypt().build().toString()).contains("cost=12");
    }

    @Test
    void needsRehash_weakerParamsOrOtherScheme() {
        PasswordHasher stronger = PasswordHasher.argon2id().params(new Argon2Params(512, 2, 1)).build();
        String weak = ARGON.hash(pw("pw"));
        assertThat(stronger.needsRehash(weak)).isTrue();
        assertThat(ARGON.needsRehash(weak)).isFalse();
        assertThat(ARGON.needsRehash("$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG")).isTrue();
        assertThat(ARGON.needsRehash("garbage")).isTrue();
    }

    @Test
    void delegating_verifiesLegacyBcrypt_andUpgradesToArgon2id() {
        PasswordHasher h = PasswordHasher.delegating(ARGON, BCRYPT);
        VerifiedPassword v = h.verify(pw("password"), "$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG");
        assertThat(v.needsRehash()).isTrue();
        String upgraded = v.upgradedHash().orElseThrow();
        assertThat(upgraded).startsWith("$argon2id$");
        assertThat(h.verify(pw("password"), upgraded)).isEqualTo(new VerifiedPassword(false, java.util.Optional.empty()));
        assertThatThrownBy(() -> h.verify(pw("wrong"), upgraded)).isInstanceOf(PasswordMismatchException.class);
        assertReason(() -> h.verify(pw("x"), "$1$md5crypt$hash"), CryptoReason.MALFORMED_HASH);
        assertThat(h.hash(pw("x"))).startsWith("$argon2id$");
        assertThat(v.toString()).doesNotContain("argon2id");
    }

    @Test
    void verifyDummy_alwaysMismatch() {
        assertThatThrownBy(() -> ARGON.verifyDummy(pw("anything"))).isInstanceOf(PasswordMismatchException.class);
        assertThatThrownBy(() -> BCRYPT.verifyDummy(pw("anything"))).isInstanceOf(PasswordMismatchException.class);
        assertThatThrownBy(() -> PasswordHasher.delegating(ARGON, BCRYPT).verifyDummy(pw("")))
                .isInstanceOf(PasswordMismatchException.class);
    }

    @Test
    void maxLength_4KiB_forAll() {
        assertReason(() -> ARGON.hash(pw("x".repeat(4097))), CryptoReason.PASSWORD_TOO_LONG);
        assertThat(ARGON.hash(pw("x".repeat(4096)))).startsWith("$argon2id$");
    }

    @Test
    void malformedHashes_malformedHash() {
        String good = ARGON.hash(pw("pw"));
        String[] bad = {
            "", "$argon2id$", "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$t=2,m=256,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=0256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ=$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c2$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4$",
            good + "x=", good.replace("$v=19$", "$v=19$$"),
        };
        for (String b : bad) {
            assertThatThrownBy(() -> ARGON.verify(pw("pw"), b)).as(b).isInstanceOf(CryptoException.class)
                    .isNotInstanceOf(PasswordMismatchException.class)
                    .satisfies(e -> assertThat(((CryptoException) e).reason()).isEqualTo(CryptoReason.MALFORMED_HASH));
        }
        assertReason(() -> BCRYPT.verify(pw("pw"), "$2a$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
                CryptoReason.MALFORMED_HASH);
        assertReason(() -> BCRYPT.verify(pw("pw"), "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
                CryptoReason.MALFORMED_HASH);
    }

    @Test
    void pepper_requiredToVerify() {
        PasswordHasher peppered = PasswordHasher.argon2id().params(FAST)
                .pepper(Secret.ofBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})).build();
        String h = peppered.hash(pw("pw"));
        assertThat(peppered.verify(pw("pw"), h).needsRehash()).isFalse();
        assertThatThrownBy(() -> ARGON.verify(pw("pw"), h)).isInstanceOf(PasswordMismatchException.class);
        assertThat(peppered.toString()).contains("pepper=***");
    }

    @Test
    void delegating_currentSchemeWeakerParams_upgraded_currentParams_notUpgraded() {
        PasswordHasher stronger = PasswordHasher.argon2id().params(new Argon2Params(512, 2, 1)).build();
        PasswordHasher h = PasswordHasher.delegating(stronger, BCRYPT);
        String weak = ARGON.hash(pw("pw"));
        VerifiedPassword v = h.verify(pw("pw"), weak);
        assertThat(v.needsRehash()).isTrue();
        assertThat(v.upgradedHash().orElseThrow()).startsWith("$argon2id$v=19$m=512,t=2,p=1$");
        assertThat(h.verify(pw("pw"), v.upgradedHash().orElseThrow()).upgradedHash()).isEmpty();
        assertThat(h.supports(weak)).isTrue();
        assertThat(h.supports("$1$x")).isFalse();
        assertThat(h.needsRehash("$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG")).isTrue();
    }

    @Test
    void bcrypt_hash_thenVerify_2bFormatAndCost() {
        String h = BCRYPT.hash(pw("s3cret"));
        assertThat(h).matches("\\$2b\\$10\\$[./A-Za-z0-9]{53}");
        assertThat(BCRYPT.verify(pw("s3cret"), h).needsRehash()).isFalse();
        assertThat(PasswordHasher.bcrypt().build().needsRehash(h)).isTrue();
    }
}
