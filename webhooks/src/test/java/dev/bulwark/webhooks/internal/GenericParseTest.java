package dev.bulwark.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.webhooks.WebhookVerificationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The generic scheme's in-place header walk gives what the previous {@code split("[, ]")} parse gave. */
class GenericParseTest {

    /** The previous parse, kept as the reference. */
    private static List<byte[]> reference(String value, String prefix, boolean base64, String header) {
        List<byte[]> out = new ArrayList<>(1);
        int wrongPrefix = 0;
        for (String entry : value.split("[, ]")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.startsWith(prefix)) {
                wrongPrefix++;
                continue;
            }
            String enc = entry.substring(prefix.length());
            out.add(base64 ? Codecs.base64OrNull(enc) : Codecs.hexOrNull(enc));
        }
        if (out.isEmpty()) {
            throw wrongPrefix > 0 ? Schemes.unsupported(header, "no entry starts with the configured prefix")
                    : Schemes.malformed(header, "no signature");
        }
        return out;
    }

    private static String outcome(java.util.function.Supplier<List<byte[]>> parse) {
        try {
            StringBuilder sb = new StringBuilder();
            for (byte[] b : parse.get()) {
                sb.append(b == null ? "null" : java.util.HexFormat.of().formatHex(b)).append('|');
            }
            return sb.toString();
        } catch (WebhookVerificationException e) {
            return e.reason() + ": " + e.getMessage();
        }
    }

    @Provide
    Arbitrary<String> headers() {
        return Arbitraries.strings().withChars("s=h256, ").withChars("0123456789abcdefAQgw+/=").ofMaxLength(40);
    }

    @Property(tries = 3000)
    void anyHeader_sameSignaturesOrSameRejection(@ForAll("headers") String value, @ForAll boolean base64) {
        for (String prefix : List.of("sha256=", "", "s")) {
            GenericScheme g = new GenericScheme(HmacKey.Algorithm.SHA256, "X-Sig", base64, prefix, null, ".", null,
                    Duration.ofMinutes(5));
            assertThat(outcome(() -> g.parse(value)))
                    .isEqualTo(outcome(() -> reference(value, prefix, base64, "X-Sig")));
        }
    }
}
