package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worklog doctor}, {@code export} and {@code import} as a user runs them: a separate process with only the
 * environment the test sets, real exit codes, stdout and stderr.
 */
class OperationsCommandsTest {
    private static final String CLASSPATH =
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path work;

    record Run(int code, String out, String err) {
    }

    private Run cli(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-cp", CLASSPATH, "dev.worklog.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", work.toString());
        pb.environment().put("LOG_FILE", work.resolve("logs/execution.log").toString());
        pb.environment().put("WORKLOG_TIMEZONE", "Asia/Seoul");
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Map<String, String> local(String folder) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WORKLOG_STORE", "local");
        env.put("WORKLOG_DATA_DIR", work.resolve(folder).toString());
        return env;
    }

    private Path entry(String title, String date) throws IOException {
        String json = "{\"title\":\"" + title + "\",\"context\":\"### Situation\\n검색이 느렸다.\\n### Task\\n개선\\n"
                + "### Action\\n- Redis 캐시\\n### Result\\np99 800ms → 120ms\",\"category\":\"성능개선\","
                + "\"impact_level\":\"High\",\"tech_stack\":[\"Java\",\"Redis\"],\"logged_date\":\"" + date + "\"}";
        return Files.writeString(work.resolve(title.hashCode() + ".json"), json, StandardCharsets.UTF_8);
    }

    @Test
    void doctorIsHealthyWithTheLocalStoreAndOfflineSummarizer() throws Exception {
        Run run = cli(local("data"), "doctor");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("[ok]   store", "local store at", "[ok]   LLM provider", "offline",
                "[warn] API token", "healthy:");
    }

    @Test
    void doctorFailsWithTheFixForEveryProblemAndNeverPrintsASecret() throws Exception {
        Files.writeString(work.resolve("not-a-folder"), "x");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WORKLOG_STORE", "local");
        env.put("WORKLOG_DATA_DIR", work.resolve("not-a-folder/data").toString());
        env.put("NOTION_API_KEY", "secret_doctor_0123456789"); // set but unused: must not be printed
        env.put("LLM_PROVIDER", "claude");
        env.put("LOG_FILE", work.resolve("not-a-folder/execution.log").toString());

        Run run = cli(env, "doctor");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("[FAIL] store", "WORKLOG_DATA_DIR", "fix: ",
                "[FAIL] LLM provider", "CLAUDE_API_KEY not set", "fix: Set CLAUDE_API_KEY",
                "[FAIL] execution log", "fix: Make", "3 of 8 checks failed");
        assertThat(run.out() + run.err()).doesNotContain("secret_doctor_0123456789");
    }

    @Test
    void exportThenImportCopiesEverythingAndASecondImportCreatesNothing() throws Exception {
        Map<String, String> source = local("source");
        assertThat(cli(source, "daily", "--json", entry("캐시 도입", "2026-11-24").toString()).code()).isZero();
        assertThat(cli(source, "daily", "--json", entry("장애 대응", "2026-11-25").toString()).code()).isZero();
        Run weekly = cli(source, "weekly", "--start-date", "2026-11-23", "--end-date", "2026-11-29");
        assertThat(weekly.code()).as(weekly.toString()).isZero();

        Run export = cli(source, "export", "--to", work.resolve("backup").toString());
        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(export.out()).contains("Exported to", "daily logs: 2 created", "weekly roll-ups: 1 created");
        assertThat(files(work.resolve("backup/daily"))).hasSize(2);
        assertThat(files(work.resolve("backup/weekly"))).hasSize(1);

        Map<String, String> target = local("target");
        Run first = cli(target, "import", "--from", work.resolve("backup").toString());
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("daily logs: 2 created", "weekly roll-ups: 1 created");
        Run second = cli(target, "import", "--from", work.resolve("backup").toString());
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("daily logs: 0 created, 2 already there",
                "weekly roll-ups: 0 created, 0 updated, 1 already there");
        assertThat(files(work.resolve("target/daily"))).hasSize(2);
        assertThat(Files.readString(work.resolve("logs/execution.log"))).contains("[SUCCESS] backup - import");
    }

    @Test
    void importFromAMistypedFolderFailsWithoutCreatingIt() throws Exception {
        Run run = cli(local("target"), "import", "--from", work.resolve("bakcup").toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("is not a worklog export");
        assertThat(work.resolve("bakcup")).doesNotExist();
    }

    @Test
    void exportNeedsATargetFolder() throws Exception {
        Run run = cli(local("data"), "export");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--to");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".md")).toList();
        }
    }
}
