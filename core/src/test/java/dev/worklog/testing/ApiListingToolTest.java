package dev.worklog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.WorkLogger;
import dev.worklog.internal.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The listing tool itself: what counts as surface, and how a type and its members are spelt. */
class ApiListingToolTest {
    /** A public type nested in a public one is surface; one nested in a package-private one is not. */
    public static final class Visible {
        public void shown() {
        }

        void hidden() {
        }
    }

    static final class Hidden {
        public static final class Inside {
        }
    }

    @Test
    void onlyPublicTypesOutsideInternalPackagesReachableThroughPublicTypesAreListed() {
        assertThat(ApiListing.isListed(WorkLogger.class)).isTrue();
        assertThat(ApiListing.isListed(WorkLogger.Builder.class)).isTrue();
        assertThat(ApiListing.isListed(Json.class)).as("internal").isFalse();
        assertThat(ApiListing.isListed(Hidden.class)).isFalse();
        assertThat(ApiListing.isListed(Hidden.Inside.class)).as("inside a package-private type").isFalse();
        assertThat(ApiListing.isListed(new Object() { }.getClass())).as("anonymous").isFalse();
    }

    @Test
    void aTypeIsListedWithItsHeaderAndPublicMembersSorted() {
        String listing = ApiListing.of(Path.of("target", "classes"), getClass().getClassLoader());

        assertThat(listing).contains("public final class dev.worklog.WorkLogger implements java.lang.AutoCloseable\n"
                + "  public dev.worklog.LogResult check(dev.worklog.model.DailyLogDraft)\n");
        assertThat(listing).contains("  public static final int DEFAULT_MAX_OUTPUT_TOKENS\n",
                "  public static <T> dev.worklog.spi.NamedServices<T> of(java.util.function.Function<T, java.lang.String>, "
                        + "java.lang.String, java.lang.String, T...)\n",
                "public interface dev.worklog.spi.WorkLogRepository extends java.lang.AutoCloseable\n",
                "  public default java.util.Optional<dev.worklog.http.CircuitBreaker> circuitBreaker()\n",
                "public record dev.worklog.LogResult\n", "public static enum dev.worklog.http.CircuitBreaker$State\n"
                        .replace("static enum", "enum"))
                .doesNotContain("dev.worklog.internal.", "dev.worklog.Rollups", "private ");
    }
}
