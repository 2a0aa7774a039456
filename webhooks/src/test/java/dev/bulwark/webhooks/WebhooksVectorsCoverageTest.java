package dev.bulwark.webhooks;

import dev.bulwark.core.testing.VectorCoverage;
import org.junit.jupiter.api.Test;

/**
 * Vectors coverage (issue 11, item 3): every file under this module's {@code src/test/resources/vectors} is run by
 * a test and named in a {@code SOURCES.md}; a committed vector file that no test runs fails the build.
 */
class WebhooksVectorsCoverageTest {

    @Test
    void everyVectorFileIsExercisedAndSourced() {
        VectorCoverage.assertEveryVectorFileIsExercisedAndSourced(WebhooksVectorsCoverageTest.class);
    }
}
