package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingsTest {

    private static final String M = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String DOC = "{\"version\":1,\"primary\":\"kek-1a2b3c4d\",\"keys\":[{\"id\":\"kek-1a2b3c4d\","
            + "\"state\":\"PRIMARY\",\"created\":\"2026-11-23T10:00:00Z\",\"material\":\"" + M + "\"}]}";

    @Test
    void fromJson_documentedShape_readsRing() {
        KeyRing ring = KeyRings.fromJson(DOC);
        assertThat(ring.primary().id()).isEqualTo("kek-1a2b3c4d");
        assertThat(ring.primary().created()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(KeyRings.toJson(ring)).isEqualTo(DOC);
    }

    @Test
    void generate_thenToJson_thenFromJson_sameRing() {
        KeyRing ring = KeyRings.generate(EnvelopeEncryptorTest.CLOCK);
        String json = KeyRings.toJson(ring);
        assertThat(json).matches("\\{\"version\":1,\"primary\":\"kek-[0-9a-f]{8}\",\"keys\":\\[\\{\"id\":\"kek-[0-9a-f]{8}\","
                + "\"state\":\"PRIMARY\",\"created\":\"2026-11-23T10:00:00Z\",\"material\":\"[A-Za-z0-9+/]{43}=\"}]}");
        KeyRing back = KeyRings.fromJson(json);
        EnvelopeEncryptor a = EnvelopeEncryptor.builder().keyRing(ring).clock(EnvelopeEncryptorTest.CLOCK).build();
        EnvelopeEncryptor b = EnvelopeEncryptor.builder().keyRing(back).clock(EnvelopeEncryptorTest.CLOCK).build();
        byte[] sealed = a.encrypt(new byte[] {42}, EncryptionContext.empty());
        assertThat(b.decrypt(sealed, EncryptionContext.empty())).containsExactly(42);
    }

    @Test
    void toJson_rotatedRing_keepsStatesAndOmitsDestroyedMaterial() {
        KeyRing ring = KeyRings.generate(EnvelopeEncryptorTest.CLOCK);
        Kek next = KeyRings.newLocalKek(KekState.ACTIVE, EnvelopeEncryptorTest.CLOCK);
        String oldId = ring.primary().id();
        ring = ring.withKek(next).withPrimary(next.id()).withState(oldId, KekState.DESTROYED);
        String json = KeyRings.toJson(ring);
        KeyRing back = KeyRings.fromJson(json);
        assertThat(back.primary().id()).isEqualTo(next.id());
        assertThat(back.find(oldId).orElseThrow().state()).isEqualTo(KekState.DESTROYED);
        assertThat(json).containsOnlyOnce("material");
    }

    @Test
    void fromJson_brokenDocuments_malformedKeyRingNamingTheField() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("", "empty"),
                Map.entry("[]", "JSON object"),
                Map.entry("{", "not valid JSON"),
                Map.entry(DOC.replace("\"version\":1", "\"version\":2"), "version"),
                Map.entry(DOC.replace("\"primary\":\"kek-1a2b3c4d\"", "\"primary\":\"kek-x\""), "primary"),
                Map.entry(DOC.replace("PRIMARY", "ACTIVE"), "PRIMARY"),
                Map.entry(DOC.replace("\"state\":\"PRIMARY\"", "\"state\":\"HOT\""), "keys[0].state"),
                Map.entry(DOC.replace("2026-11-23T10:00:00Z", "yesterday"), "keys[0].created"),
                Map.entry(DOC.replace(M, "AAAA"), "32 bytes"),
                Map.entry(DOC.replace(M, "!!"), "base64"),
                Map.entry(DOC.replace("\"id\":\"kek-1a2b3c4d\"", "\"id\":\"kek 1\""), "keys[0].id"),
                Map.entry(DOC.replace("\"version\":1,", "\"version\":1,\"extra\":0,"), "unknown field"),
                Map.entry("{\"version\":1,\"primary\":\"a\",\"keys\":[]}", "non-empty"));
        cases.forEach((doc, expected) -> assertThatThrownBy(() -> KeyRings.fromJson(doc))
                .as(doc).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(expected).hasMessageNotContaining(M)
                .extracting(e -> ((ConfigurationException) e).reason()).isEqualTo(CryptoReason.MALFORMED_KEY_RING));
    }

    @Test
    void localFile_readsRing(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ring.json");
        Files.writeString(f, DOC, StandardCharsets.UTF_8);
        assertThat(KekProviders.localFile(f).keyRing().primary().id()).isEqualTo("kek-1a2b3c4d");
        assertThatThrownBy(() -> KekProviders.localFile(dir.resolve("missing.json")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot read");
    }

    @Test
    void environment_documentOrBase64Key() {
        assertThat(KekProviders.environment(Map.of("RING", DOC), "RING").keyRing().primary().id())
                .isEqualTo("kek-1a2b3c4d");
        KeyRing single = KekProviders.environment(Map.of("APP_KEK", M), "APP_KEK").keyRing();
        assertThat(single.primary().id()).isEqualTo("app-kek");
        assertThatThrownBy(() -> KekProviders.environment(Map.of(), "APP_KEK"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("APP_KEK is not set");
        assertThatThrownBy(() -> KekProviders.environment(Map.of("APP_KEK", "AAAA"), "APP_KEK"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void toJson_remoteKek_refused() {
        KeyRing ring = KeyRing.of(Kek.remote("kms-1", KekState.PRIMARY, EnvelopeEncryptorTest.CLOCK.instant(),
                Aead.aes256Gcm(dev.bulwark.core.Secret.ofBytes(new byte[32]))));
        assertThatThrownBy(() -> KeyRings.toJson(ring)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("remote");
    }
}
