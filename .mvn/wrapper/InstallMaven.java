import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Installs the Maven distribution that {@code maven-wrapper.properties} pins, for {@code ./mvnw}: downloads the
 * archive, refuses it unless its SHA-512 is the pinned one, unpacks it beside the target folder and moves it into
 * place in one step, so an interrupted or concurrent install never leaves a half-unpacked Maven behind.
 *
 * <p>Run with the JDK's source launcher ({@code java InstallMaven.java PROPERTIES TARGET}): a machine with only a
 * JDK needs no curl, sha512sum or unzip.
 */
public final class InstallMaven {
    public static void main(String[] args) throws Exception {
        try {
            install(args);
        } catch (Refused e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static void install(String[] args) throws Exception {
        if (args.length != 2) {
            fail("usage: java InstallMaven.java <maven-wrapper.properties> <target folder>");
        }
        Properties pinned = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            pinned.load(in);
        }
        URI url = URI.create(required(pinned, "distributionUrl"));
        String sha512 = required(pinned, "distributionSha512").toLowerCase();
        Path target = Path.of(args[1]).toAbsolutePath();
        if (Files.isDirectory(target.resolve("bin"))) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path work = Files.createTempDirectory(target.getParent(), target.getFileName() + ".installing-");
        try {
            Path archive = work.resolve("maven.zip");
            System.err.println("mvnw: downloading " + url + " (first run only)");
            String actual = download(url, archive);
            if (!actual.equals(sha512)) {
                fail("mvnw: the download's SHA-512 is " + actual + ", not the pinned " + sha512
                        + "; nothing was installed (a proxy rewriting downloads, or a corrupted transfer)");
            }
            Path unpacked = work.resolve("unpacked");
            Path home = unzip(archive, unpacked);
            try {
                Files.move(home, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another ./mvnw finished the same install first; its copy is as good as ours
            } catch (AtomicMoveNotSupportedException e) {
                fail("mvnw: cannot move Maven into " + target + " in one step: " + e.getMessage());
            }
            System.err.println("mvnw: Maven installed in " + target);
        } finally {
            deleteTree(work);
        }
    }

    private static String required(Properties pinned, String key) {
        String value = pinned.getProperty(key, "").strip();
        if (value.isEmpty()) {
            fail("mvnw: maven-wrapper.properties has no " + key);
        }
        return value;
    }

    /** Streams the archive to disk and returns its SHA-512 in lower-case hex. */
    private static String download(URI url, Path archive) throws IOException, InterruptedException,
            NoSuchAlgorithmException {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = MessageDigest.getInstance("SHA-512");
        try (InputStream body = new DigestInputStream(response.body(), digest)) {
            if (response.statusCode() != 200) {
                fail("mvnw: " + url + " answered HTTP " + response.statusCode());
            }
            Files.copy(body, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Unpacks the archive and returns its single top folder (apache-maven-x.y.z). */
    private static Path unzip(Path archive, Path into) throws IOException {
        Set<Path> tops = new HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into) || out.equals(into)) {
                    fail("mvnw: the archive holds a path outside its folder: " + entry.getName());
                }
                tops.add(into.relativize(out).getName(0));
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out);
                }
            }
        }
        if (tops.size() != 1) {
            fail("mvnw: expected one top folder in the archive, found " + tops);
        }
        Path home = into.resolve(tops.iterator().next());
        // zip keeps no permissions: the launch scripts must be executable
        try (Stream<Path> bin = Files.list(home.resolve("bin"))) {
            bin.forEach(script -> script.toFile().setExecutable(true, false));
        }
        return home;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void fail(String message) {
        throw new Refused(message);
    }

    /** A reason to install nothing, told to the user in one line. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
