package dev.bulwark.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A key's per-thread MAC and output buffer: reset before every use, and a shared buffer is never a result. */
class HmacKeyReuseTest {

    private static final byte[] KEY = "k3y-bytes-for-the-test".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MESSAGE = "1700000000.{\"id\":1}".getBytes(StandardCharsets.UTF_8);

    private static byte[] reference(byte[] data) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return m.doFinal(data);
    }

    @Test
    void macAbandonedMidMessage_nextUseOnTheThread_startsFromAFreshState() throws Exception {
        HmacKey key = new HmacKey(HmacKey.Algorithm.SHA256, KEY);
        // a verification that failed between update and doFinal leaves these bytes in the thread's MAC
        key.mac().update("left over by a failed verification".getBytes(StandardCharsets.UTF_8));
        assertThat(key.compute(MESSAGE)).isEqualTo(reference(MESSAGE));

        Mac m = key.mac();
        m.update(MESSAGE, 0, 7);
        Mac again = key.mac();
        again.update(MESSAGE);
        assertThat(key.doFinalShared(again)).isEqualTo(reference(MESSAGE));
    }

    @Test
    void doFinalShared_isThisThreadsBuffer_reusedByTheNextMac_soCallersCopyWhatTheyKeep() throws Exception {
        HmacKey key = new HmacKey(HmacKey.Algorithm.SHA512, KEY);
        Mac m = key.mac();
        m.update(MESSAGE);
        byte[] first = key.doFinalShared(m);
        byte[] kept = first.clone();
        Mac m2 = key.mac();
        m2.update(new byte[] {1, 2, 3});
        byte[] second = key.doFinalShared(m2);
        assertThat(second).isSameAs(first).hasSize(HmacKey.Algorithm.SHA512.length());
        assertThat(kept).isNotEqualTo(second);
        Mac ref = Mac.getInstance("HmacSHA512");
        ref.init(new SecretKeySpec(KEY, "HmacSHA512"));
        assertThat(kept).isEqualTo(ref.doFinal(MESSAGE));
    }

    @Test
    void signatureMatcher_returnsACopy_notTheSharedBuffer() throws Exception {
        HmacKey key = new HmacKey(HmacKey.Algorithm.SHA256, KEY);
        byte[] expected = reference(MESSAGE);
        byte[] hit = SignatureMatcher.match("test", java.util.List.of(key), java.util.List.of(expected.clone()),
                MESSAGE);
        // another MAC with the same key on this thread must not change the result already handed out
        key.compute(new byte[] {9});
        Mac m = key.mac();
        m.update(new byte[] {9});
        key.doFinalShared(m);
        assertThat(hit).isEqualTo(expected);
    }
}
