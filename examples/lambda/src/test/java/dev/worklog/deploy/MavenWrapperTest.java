package dev.worklog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer behind {@code ./mvnw} ({@code .mvn/wrapper/InstallMaven.java}), run as {@code ./mvnw} runs it (the
 * JDK's source launcher, a separate process) against a loopback server standing in for Maven Central: a
 * distribution is installed only when its SHA-512 is the pinned one, with executable launch scripts, and a
 * refused download leaves nothing behind.
 */
class MavenWrapperTest {
    private HttpServer central;
    private final AtomicInteger downloads = new AtomicInteger();
    private volatile byte[] served;

    @TempDir
    Path dir;

    @BeforeEach
    void startFakeCentral() throws IOException {
        central = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        central.createContext("/maven2/", exchange -> {
            downloads.incrementAndGet();
            byte[] body = served;
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        central.start();
    }

    @AfterEach
    void stop() {
        central.stop(0);
    }

    @Test
    void installsTheDistributionWhoseChecksumIsPinnedAndDownloadsItOnce() throws Exception {
        served = zip(List.of("apache-maven-9.9.9/bin/mvn", "apache-maven-9.9.9/lib/maven-core.jar"));
        Path target = dir.resolve("dists/apache-maven-9.9.9");

        Result first = install(sha512(served), target);
        Result second = install(sha512(served), target);

        assertThat(first.exit).as(first.output).isZero();
        assertThat(Files.readString(target.resolve("bin/mvn"))).isEqualTo("apache-maven-9.9.9/bin/mvn");
        assertThat(target.resolve("bin/mvn")).isExecutable();
        assertThat(target.resolve("lib/maven-core.jar")).exists();
        assertThat(second.exit).isZero();
        assertThat(downloads.get()).isEqualTo(1);
        assertThat(siblings(target)).containsExactly("apache-maven-9.9.9");
    }

    @Test
    void refusesADownloadWhoseChecksumDiffersAndInstallsNothing() throws Exception {
        served = zip(List.of("apache-maven-9.9.9/bin/mvn"));
        Path target = dir.resolve("dists/apache-maven-9.9.9");

        Result result = install("0".repeat(128), target);

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.output).contains("SHA-512 is " + sha512(served)).contains("nothing was installed");
        assertThat(siblings(target)).isEmpty();
    }

    @Test
    void refusesAnArchiveWithAPathOutsideItsFolder() throws Exception {
        served = zip(List.of("apache-maven-9.9.9/bin/mvn", "../escaped"));
        Path target = dir.resolve("dists/apache-maven-9.9.9");

        Result result = install(sha512(served), target);

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.output).contains("path outside its folder");
        assertThat(siblings(target)).isEmpty();
        assertThat(dir.resolve("dists/escaped")).doesNotExist();
    }

    private record Result(int exit, String output) {
    }

    private Result install(String pinnedSha512, Path target) throws Exception {
        Path props = dir.resolve("maven-wrapper.properties");
        Files.writeString(props, "distributionVersion=9.9.9\n"
                + "distributionUrl=http://127.0.0.1:" + central.getAddress().getPort()
                + "/maven2/org/apache/maven/apache-maven/9.9.9/apache-maven-9.9.9-bin.zip\n"
                + "distributionSha512=" + pinnedSha512 + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, Repo.path(".mvn/wrapper/InstallMaven.java").toString(),
                props.toString(), target.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static List<String> siblings(Path target) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(target.getParent())) {
            try (var list = Files.list(target.getParent())) {
                list.forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        return names;
    }

    private static byte[] zip(List<String> names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha512(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
    }
}
