package dev.bulwark.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.ConfigurationException;
import dev.bulwark.core.Secret;
import dev.bulwark.core.testing.TestClock;
import dev.bulwark.tokens.spi.TotpStateStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TotpTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:10Z"));
    private final TotpStateStore store = TotpStateStore.inMemory(100);
    private final Totp totp = Totp.builder().clock(clock).store(store).issuer("Bulwark Demo").build();

    private TokenReason reason(Runnable r) {
        try {
            r.run();
        } catch (TokenException e) {
            return e.tokenReason();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void rfc6238AppendixB_allCases() throws Exception {
        List<String> failures = new ArrayList<>();
        for (JsonNode c : JwsVectorsTest.load("rfc6238_totp.json").get("cases")) {
            Secret seed = Secret.ofHex(c.get("seedHex").asText());
            String got = Totp.code(seed, Instant.ofEpochSecond(c.get("time").asLong()),
                    Totp.Algorithm.valueOf(c.get("algorithm").asText()), c.get("digits").asInt(), c.get("period").asLong());
            if (!got.equals(c.get("expected").asText())) {
                failures.add(c.get("time").asText() + "/" + c.get("algorithm").asText() + " got " + got);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(JwsVectorsTest.load("rfc6238_totp.json").get("cases").size()).isEqualTo(18);
    }

    @Test
    void rfc4226AppendixD_allCases() throws Exception {
        JsonNode v = JwsVectorsTest.load("rfc4226_hotp.json");
        Secret s = Secret.ofUtf8(v.get("secretAscii").asText());
        for (JsonNode c : v.get("cases")) {
            assertThat(Totp.hotp(s, c.get("counter").asLong(), Totp.Algorithm.SHA1, 6)).isEqualTo(c.get("expected").asText());
        }
    }

    /** An independent HOTP written from RFC 4226 section 5.3 with BigInteger arithmetic. */
    private static String reference(byte[] key, long counter, String alg, int digits) throws Exception {
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(key, alg));
        byte[] msg = new BigInteger(1, HexFormat.of().parseHex(String.format("%016x", counter))).toByteArray();
        byte[] padded = new byte[8];
        System.arraycopy(msg, Math.max(0, msg.length - 8), padded, 8 - Math.min(8, msg.length), Math.min(8, msg.length));
        byte[] h = mac.doFinal(padded);
        int offset = h[h.length - 1] & 0xf;
        long snum = new BigInteger(1, java.util.Arrays.copyOfRange(h, offset, offset + 4)).longValue() & 0x7fffffffL;
        return String.format("%0" + digits + "d", snum % BigInteger.TEN.pow(digits).longValue());
    }

    @Property(tries = 300)
    void agreesWithIndependentImplementation(@ForAll @Size(min = 10, max = 64) byte[] key,
            @ForAll @LongRange(min = 0, max = 40_000_000_000L) long time, @ForAll @IntRange(min = 6, max = 8) int digits,
            @ForAll @IntRange(min = 0, max = 2) int algIndex) throws Exception {
        Totp.Algorithm alg = Totp.Algorithm.values()[algIndex];
        String jca = new String[] {"HmacSHA1", "HmacSHA256", "HmacSHA512"}[algIndex];
        assertThat(Totp.code(Secret.ofBytes(key), Instant.ofEpochSecond(time), alg, digits, 30))
                .isEqualTo(reference(key, time / 30, jca, digits));
    }

    @Test
    void verify_acceptsWindow_rejectsReplayOfAcceptedStep() {
        Secret s = totp.newSecret();
        assertThat(s.length()).isEqualTo(20);
        String now = totp.currentCode(s);
        totp.verify("u1", s, now);
        assertThat(reason(() -> totp.verify("u1", s, now))).isEqualTo(TokenReason.TOTP_REPLAYED);
        String previous = Totp.code(s, clock.instant().minusSeconds(30), Totp.Algorithm.SHA1, 6, 30);
        assertThat(reason(() -> totp.verify("u1", s, previous))).isEqualTo(TokenReason.TOTP_REPLAYED);
        clock.advance(Duration.ofSeconds(30));
        String next = totp.currentCode(s);
        totp.verify("u1", s, next);
        String twoAhead = Totp.code(s, clock.instant().plusSeconds(60), Totp.Algorithm.SHA1, 6, 30);
        assertThat(reason(() -> totp.verify("u2", s, twoAhead))).isEqualTo(TokenReason.TOTP_INVALID);
        String oneAhead = Totp.code(s, clock.instant().plusSeconds(30), Totp.Algorithm.SHA1, 6, 30);
        totp.verify("u2", s, oneAhead);
    }

    @Test
    void malformedCodes_areInvalid() {
        Secret s = totp.newSecret();
        for (String bad : new String[] {null, "", "12345", "1234567", "12345a", " 12345", "１２３４５６"}) {
            assertThat(reason(() -> totp.verify("u" + bad, s, bad))).isEqualTo(TokenReason.TOTP_INVALID);
        }
    }

    @Test
    void attemptLimit_locksUser_thenExpires() {
        Secret s = totp.newSecret();
        String good = totp.currentCode(s);
        String wrong = good.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(reason(() -> totp.verify("u1", s, wrong))).isEqualTo(TokenReason.TOTP_INVALID);
        }
        assertThat(reason(() -> totp.verify("u1", s, good))).isEqualTo(TokenReason.TOTP_LOCKED);
        clock.advance(Duration.ofMinutes(15));
        totp.verify("u1", s, totp.currentCode(s));
    }

    @Test
    void recoveryCodes_hashed_singleUse_replacedOnRegeneration() {
        List<String> codes = totp.newRecoveryCodes("u1", 10);
        // 120 bits each (ASVS 5.0 V6.5.2: >= 112 bits when stored with a plain hash): 4 groups of 6 base32
        assertThat(codes).allSatisfy(c -> assertThat(c).matches("[A-Z2-7]{6}(-[A-Z2-7]{6}){3}"));
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(reason(() -> totp.useRecoveryCode("u1", codes.get(0).substring(0, 20))))
                .isEqualTo(TokenReason.RECOVERY_CODE_INVALID);
        assertThat(codes).hasSize(10);
        totp.useRecoveryCode("u1", codes.get(0).toLowerCase().replace("-", " "));
        assertThat(reason(() -> totp.useRecoveryCode("u1", codes.get(0)))).isEqualTo(TokenReason.RECOVERY_CODE_INVALID);
        assertThat(reason(() -> totp.useRecoveryCode("u2", codes.get(1)))).isEqualTo(TokenReason.RECOVERY_CODE_INVALID);
        List<String> fresh = totp.newRecoveryCodes("u1", 3);
        assertThat(reason(() -> totp.useRecoveryCode("u1", codes.get(2)))).isEqualTo(TokenReason.RECOVERY_CODE_INVALID);
        totp.useRecoveryCode("u1", fresh.get(2));
    }

    @Test
    void otpauthUri_hasAllParameters() {
        Secret s = Secret.ofBase32("JBSWY3DPEHPK3PXP");
        assertThat(totp.otpauthUri(s, "alice@example.com")).isEqualTo(
                "otpauth://totp/Bulwark%20Demo:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Bulwark%20Demo"
                        + "&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void build_validates() {
        assertThatThrownBy(() -> Totp.builder().clock(clock).store(store).issuer("x").digits(9).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("digits");
        assertThatThrownBy(() -> Totp.builder().clock(clock).store(store).issuer("x").window(2).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Totp.builder().clock(clock).store(store).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("issuer");
    }
}
