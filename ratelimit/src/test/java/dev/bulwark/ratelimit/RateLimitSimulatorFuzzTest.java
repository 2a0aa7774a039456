package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.BulwarkException;
import java.util.List;

/** Untrusted input: request lines and bandwidth specs either parse or fail with a typed exception. */
class RateLimitSimulatorFuzzTest {

    @FuzzTest
    void requestLines_parseOrTypedError(FuzzedDataProvider data) {
        RateLimitSimulator sim = RateLimitSimulator.of(List.of(RateLimitSimulator.parseBandwidth("5/2/1000")));
        while (data.remainingBytes() > 0) {
            String line = data.consumeString(64);
            try {
                String out = sim.apply(line);
                if (out != null) {
                    assertThat(out).matches("allow [0-5]|deny (-1|[0-9]+)");
                }
            } catch (RateLimitException e) {
                assertThat(e.reason()).isIn(RateLimitReason.MALFORMED_INPUT, RateLimitReason.INVALID_COST);
                return;
            }
        }
    }

    @FuzzTest
    void bandwidthSpecs_parseOrConfigurationError(FuzzedDataProvider data) {
        String spec = data.consumeRemainingAsString();
        try {
            Bandwidth b = RateLimitSimulator.parseBandwidth(spec);
            assertThat(b.capacity()).isPositive();
        } catch (BulwarkException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
