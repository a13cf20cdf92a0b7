package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.testing.VendorFake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each network provider end to end through the CLI over the local store: two daily logs, the weekly roll-up, the
 * monthly roll-up and a review packet, against a loopback fake serving the vendor's response shapes.
 */
class ProviderEndToEndTest {
    @TempDir
    Path work;

    private VendorFake vendor;
    private Path data;
    private Path logFile;

    @BeforeEach
    void start() throws IOException {
        vendor = new VendorFake();
        data = work.resolve("data");
        logFile = work.resolve("execution.log");
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    @ParameterizedTest(name = "{0} at base URL {1}")
    @CsvSource({
        "claude, '', /v1/messages, x-api-key",
        "openai, /v1, /v1/chat/completions, Authorization",
        "openai, '', /v1/chat/completions, Authorization",
        "gemini, '', /v1beta/models/gemini-3.5-flash:generateContent, x-goog-api-key",
    })
    void weekly_and_monthly_roll_ups_are_stored(String provider, String baseSuffix, String path, String authHeader)
            throws IOException {
        String prefix = provider.toUpperCase(java.util.Locale.ROOT);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LLM_PROVIDER", provider);
        env.put(prefix + "_API_KEY", VendorFake.KEY);
        env.put(prefix + "_BASE_URL", vendor.baseUrl() + baseSuffix);
        CliRunner cli = new CliRunner(work, data, logFile, "Asia/Seoul");

        for (String date : List.of("2026-11-17", "2026-11-19")) {
            CliRunner.Run logged = cli.run("", env, "daily", "--title", "검색 API 개선 " + date, "--category", "성능개선",
                    "--impact", "High", "--tech", "Java,Redis", "--date", date, "--metrics", "p99 800ms → 120ms",
                    "--context", "### Situation\n느렸다\n### Task\n빠르게\n### Action\n- Redis 캐시\n### Result\np99 800ms → 120ms");
            assertThat(logged.code).as(logged.toString()).isZero();
        }
        CliRunner.Run weekly = cli.run("", env, "weekly", "--week", "2026-W47");
        assertThat(weekly.code).as(weekly.toString()).isZero();
        CliRunner.Run monthly = cli.run("", env, "monthly", "--month", "2026-11");
        assertThat(monthly.code).as(monthly.toString()).isZero();

        String week = Files.readString(only("weekly"), StandardCharsets.UTF_8);
        assertThat(week).contains("- provider: " + provider, "검색 성능 개선 1", "p99 800ms에서 120ms로 줄였다",
                "하이라이트 1", "하이라이트 2");
        String month = Files.readString(only("monthly"), StandardCharsets.UTF_8);
        assertThat(month).contains("- provider: " + provider, "검색 지연을 크게 줄였다.", "weekly-2026-11-16_2026-11-22");
        assertThat(weekly.out + monthly.out).doesNotContain("Made without an LLM");

        // two calls, both to the vendor's endpoint, authenticated the vendor's way, the key never in a URL
        assertThat(vendor.requests).hasSize(2);
        assertThat(vendor.requests).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo(path);
            assertThat(r.header(authHeader)).contains(VendorFake.KEY);
            assertThat(r.query() == null ? "" : r.query()).doesNotContain(VendorFake.KEY);
            assertThat(r.body()).doesNotContain("\"temperature\"");
        });
        assertThat(vendor.requests.get(0).body()).contains("p99 800ms → 120ms", "- Redis 캐시", "검색 API 개선 2026-11-19");
        // a review packet of the month goes through the same provider: one more call, then none for a rerun
        CliRunner.Run review = cli.run("", env, "review", "--from", "2026-11", "--to", "2026-11", "--save");
        assertThat(review.code).as(review.toString()).isZero();
        assertThat(review.out).contains("검색 응답 속도 개선", "p99 800ms에서 120ms로 줄였다", "## 통계")
                .doesNotContain("Made without an LLM");
        assertThat(review.err).contains("Status: SAVED", provider);
        assertThat(vendor.requests).hasSize(3);
        assertThat(vendor.requests.get(2).path()).isEqualTo(path);
        assertThat(vendor.requests.get(2).header(authHeader)).contains(VendorFake.KEY);
        assertThat(vendor.requests.get(2).body()).contains("narrative", "[W1]", "2026-11");
        CliRunner.Run again = cli.run("", env, "review", "--from", "2026-11", "--to", "2026-11");
        assertThat(again.err).as(again.toString()).contains("Status: UNCHANGED");
        assertThat(vendor.requests).hasSize(3);
        // the key appears nowhere a person or a log collector would see it
        String everything = weekly.out + weekly.err + monthly.out + monthly.err + review.out + review.err
                + Files.readString(logFile) + week + month;
        assertThat(everything).doesNotContain(VendorFake.KEY);
    }

    private Path only(String kind) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve(kind))) {
            List<Path> md = files.filter(p -> p.toString().endsWith(".md")).collect(Collectors.toList());
            assertThat(md).hasSize(1);
            return md.get(0);
        }
    }
}
