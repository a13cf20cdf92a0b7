package dev.worklog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.worklog.notion.fake.FakeNotionServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worklog init} in a pseudo-terminal, as a person runs it: the CLI is started under util-linux's
 * {@code script}, which gives it a pty (so {@code System.console()} exists and secrets are read with echo off), and
 * each answer is typed only once its prompt has appeared, as a person would; what the terminal showed is the
 * transcript. The secret must appear neither there (no echo, never printed) nor in the execution log.
 *
 * <p>{@code script} is in util-linux (Debian/Ubuntu: the essential package bsdutils), so it is on every Linux CI
 * machine; where it is missing (macOS has a BSD {@code script} with other options) the test is skipped and says so.
 */
class InitTerminalTest {
    private static final String TOKEN = "ntn_typed_in_a_terminal_0123456789abcdef";
    private static final String WRONG = "ntn_typo_in_a_terminal_99999999";

    @TempDir
    Path work;

    private FakeNotionServer notion;
    private Process process;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(utilLinuxScript(), "skipped: no util-linux `script` on this machine to give the CLI a "
                + "pseudo-terminal (Debian/Ubuntu: apt-get install bsdutils)");
        notion = FakeNotionServer.startEmpty(0, TOKEN, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        if (notion != null) {
            notion.close();
        }
    }

    @Test
    void initInATerminalHidesTheKeyAsksAgainForABadOneAndWritesAnOwnerOnlyDotEnv() throws Exception {
        Path log = work.resolve("logs/execution.log");
        ProcessBuilder java = new CliRunner(work, work.resolve("data"), log, "Asia/Seoul")
                .builder(Map.of("NOTION_BASE_URL", notion.baseUrl().toString(), "TERM", "dumb"), "init");
        List<String> command = new ArrayList<>();
        for (String arg : java.command()) {
            command.add("'" + arg.replace("'", "'\\''") + "'");
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", String.join(" ", command), "/dev/null")
                .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(java.environment());
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        process = pb.start();
        Terminal terminal = new Terminal(process);

        terminal.answer("Choose 1-2", "notion");
        terminal.answer("(input hidden): ", WRONG);
        terminal.answer("(input hidden): ", TOKEN);
        terminal.answer("Choose 1-4", "offline");
        terminal.answer("Time zone", "Asia/Seoul");
        terminal.answer("Choose 1-2", "ko");
        terminal.await("worklog setup notion --parent");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("init exits").isTrue();

        String transcript = terminal.transcript();
        assertThat(process.exitValue()).as(transcript).isZero();
        assertThat(transcript).contains("rejected", "accepts it", "Wrote .env", "worklog doctor:")
                .doesNotContain(TOKEN).doesNotContain(WRONG);
        Path dotEnv = work.resolve(".env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dotEnv))).isEqualTo("rw-------");
        assertThat(Files.readString(dotEnv)).contains("NOTION_API_KEY=" + TOKEN, "WORKLOG_STORE=notion");
        assertThat(Files.readString(log)).contains("init - wrote .env").doesNotContain(TOKEN);
        // the typed key reached Notion, in the header only
        assertThat(notion.requests()).anySatisfy(r -> assertThat(r.headers().get("authorization"))
                .isEqualTo("Bearer " + TOKEN));
    }

    private static boolean utilLinuxScript() {
        try {
            Process p = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("util-linux");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the pty shows, read as it comes, and typing into it once a prompt is there. */
    private static final class Terminal {
        private final StringBuilder shown = new StringBuilder();
        private final OutputStream keyboard;
        private int seen;

        Terminal(Process process) {
            this.keyboard = process.getOutputStream();
            Thread reader = new Thread(() -> read(process.getInputStream()), "pty-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream in) {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (shown) {
                        shown.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        shown.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        /** Waits until {@code text} appears after what was already matched (at most 60 s: the CLI's start-up). */
        void await(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            synchronized (shown) {
                int at;
                while ((at = shown.indexOf(text, seen)) < 0) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        fail("the terminal never showed '" + text + "'; it shows:\n" + shown);
                    }
                    shown.wait(left);
                }
                seen = at + text.length();
            }
        }

        void answer(String prompt, String typed) throws Exception {
            await(prompt);
            keyboard.write((typed + "\r").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        String transcript() {
            synchronized (shown) {
                return shown.toString();
            }
        }
    }
}
