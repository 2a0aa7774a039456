package dev.bulwark.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Vectors coverage (issue 11, item 3), shared by every module: every JSON file under the module's
 * {@code src/test/resources/vectors} must be exercised by a test (some test source other than the checking class
 * names the file) and listed in the {@code SOURCES.md} of its folder or a parent. A vector file that is committed
 * but not run fails the build, naming it.
 */
public final class VectorCoverage {

    private static final Path VECTORS = Path.of("src", "test", "resources", "vectors");
    private static final Path TESTS = Path.of("src", "test", "java");

    private VectorCoverage() {
    }

    /**
     * Runs the check from the module's directory (Surefire's working directory).
     *
     * @param checkingClass the test class calling this (its own source does not count as exercising a file)
     * @param runByCaller file names the calling class runs itself
     */
    public static void assertEveryVectorFileIsExercisedAndSourced(Class<?> checkingClass, String... runByCaller) {
        try {
            check(checkingClass.getSimpleName() + ".java", List.of(runByCaller));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(String selfSource, List<String> own) throws IOException {
        assertThat(VECTORS).isDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.walk(VECTORS)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        String tests = allTestSources(selfSource);
        List<String> notExercised = new ArrayList<>();
        List<String> notSourced = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String stem = name.substring(0, name.length() - ".json".length());
            if (!own.contains(name) && !tests.contains(name) && !tests.contains(stem + "\"")) {
                notExercised.add(VECTORS.relativize(f).toString());
            }
            Path sources = sourcesFor(f);
            if (sources == null || !Files.readString(sources, StandardCharsets.UTF_8).contains(name)) {
                notSourced.add(VECTORS.relativize(f).toString());
            }
        }
        assertThat(notExercised).as("vector files no test runs").isEmpty();
        assertThat(notSourced).as("vector files not named in a SOURCES.md").isEmpty();
    }

    /** The nearest SOURCES.md in the file's folder or a parent folder up to the vectors root. */
    private static Path sourcesFor(Path file) {
        for (Path dir = file.getParent(); dir != null && dir.startsWith(VECTORS); dir = dir.getParent()) {
            Path s = dir.resolve("SOURCES.md");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        return null;
    }

    private static String allTestSources(String selfSource) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(TESTS)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals(selfSource)).toList()) {
                sb.append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return sb.toString();
    }
}
