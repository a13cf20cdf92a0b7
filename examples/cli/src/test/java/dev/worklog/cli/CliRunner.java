package dev.worklog.cli;

import static org.assertj.core.api.Assertions.fail;

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

/** Starts the CLI as a separate process in a test's folder, with a controlled environment, and collects the run. */
final class CliRunner {
    private static final String CLASSPATH =
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Path work;
    private final Path data;
    private final Path logFile;
    private final String zone;

    CliRunner(Path work, Path data, Path logFile, String zone) {
        if (CLASSPATH == null || CLASSPATH.isBlank() || !CLASSPATH.contains(File.separator)) {
            throw new IllegalStateException("no test classpath to start the CLI with");
        }
        this.work = work;
        this.data = data;
        this.logFile = logFile;
        this.zone = zone;
    }

    /** Runs the CLI with {@code stdin} as its input and waits for it, at most 30 s. */
    Run run(String stdin, Map<String, String> env, String... args) throws IOException {
        Path in = Files.createTempFile(work, "stdin", ".txt");
        Files.writeString(in, stdin, StandardCharsets.UTF_8);
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder pb = builder(env, args)
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("worklog " + String.join(" ", args) + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        for (Path p : List.of(in, out, err)) {
            Files.deleteIfExists(p);
        }
        return run;
    }

    /** The CLI's command line in the test's folder, with an environment holding only what the test sets. */
    ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", CLASSPATH, Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> environment = pb.environment();
        environment.clear();
        Map<String, String> set = new LinkedHashMap<>();
        set.put("WORKLOG_DATA_DIR", data.toString());
        set.put("LOG_FILE", logFile.toString());
        set.put("WORKLOG_TIMEZONE", zone);
        set.put("LANG", "C.UTF-8");
        set.putAll(env);
        environment.putAll(set);
        return pb;
    }

    /** What a run left behind. */
    static final class Run {
        final int code;
        final String out;
        final String err;

        Run(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

}
