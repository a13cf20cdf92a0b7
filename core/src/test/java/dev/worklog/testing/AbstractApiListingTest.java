package dev.worklog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps a published module's checked-in API listing ({@code api/<artifact>.api}, see {@link ApiListing}) equal to
 * its compiled public surface, so that the build fails when the surface changes and the listing was not updated with
 * it. A module extends this once; after an intended change, regenerate every listing with
 *
 * <pre>
 * mvn -B -q test -Dtest=ApiListingTest -Dsurefire.failIfNoSpecifiedTests=false -Dworklog.api.update=true
 * </pre>
 *
 * and commit the changed files with the change.
 */
public abstract class AbstractApiListingTest {
    /** The system property that makes the test write the listing instead of comparing it. */
    public static final String UPDATE = "worklog.api.update";
    /** The command that regenerates every module's listing. */
    public static final String COMMAND =
            "mvn -B -q test -Dtest=ApiListingTest -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE + "=true";

    /** The module's artifact id, which names its listing. */
    protected abstract String artifactId();

    @Test
    void theCheckedInListingIsThePublicSurface() throws IOException {
        Path classes = Path.of("target", "classes");
        Path file = Path.of("api", artifactId() + ".api");
        String actual = "# The public API of " + artifactId() + ": public types outside the internal packages and "
                + "their public and protected\n# members. Generated: when it changes on purpose, regenerate with\n# "
                + COMMAND + "\n\n" + ApiListing.of(classes, getClass().getClassLoader());
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(Files.exists(file)).as(file.toAbsolutePath() + " is missing; generate it with " + COMMAND)
                .isTrue();
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(actual).as("the public API of %s differs from %s (%s); if the change is intended, regenerate "
                + "it with %s and commit it", artifactId(), file, diff(expected, actual), COMMAND).isEqualTo(expected);
    }

    @Test
    void noPublicMemberSpeaksOfAnInternalType() {
        List<String> leaks = new ArrayList<>();
        for (String line : ApiListing.of(Path.of("target", "classes"), getClass().getClassLoader()).split("\n")) {
            if (line.contains(".internal.")) {
                leaks.add(line.strip());
            }
        }
        assertThat(leaks).as("public members whose signature names an internal type").isEmpty();
    }

    /** The lines only one side has, each marked {@code -} (listing) or {@code +} (compiled). */
    private static String diff(String expected, String actual) {
        Set<String> was = new LinkedHashSet<>(List.of(expected.split("\n")));
        Set<String> is = new LinkedHashSet<>(List.of(actual.split("\n")));
        List<String> out = new ArrayList<>();
        was.stream().filter(l -> !is.contains(l)).forEach(l -> out.add("- " + l));
        is.stream().filter(l -> !was.contains(l)).forEach(l -> out.add("+ " + l));
        return String.join("; ", out);
    }
}
