package dev.worklog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import dev.worklog.lambda.LambdaHandlerProbe;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, .dockerignore, render.yaml, the workflows and the SAM template parse, and what they name
 * exists: sources, modules, the launcher's build command, the jar, the main class, the routes, the handler.
 */
class DeploymentFilesTest {
    private final Dockerfile docker = Dockerfile.parse(Repo.read("Dockerfile"));

    // ---------------------------------------------------------------- Dockerfile

    @Test
    void buildsWithMavenAndRunsOnASmallJre() {
        List<Dockerfile.Instruction> from = docker.all("FROM");
        assertThat(from).hasSize(2);
        assertThat(from.get(0).args()).isEqualTo("maven:3.9-eclipse-temurin-17 AS build");
        assertThat(from.get(1).args()).startsWith("eclipse-temurin:17-jre");
    }

    @Test
    void everyCopySourceExistsAndEveryModuleOfTheParentPomIsCopied() {
        List<String> sources = new ArrayList<>();
        for (Dockerfile.Instruction copy : docker.all("COPY")) {
            if (copy.args().startsWith("--from=")) {
                continue;
            }
            String[] parts = copy.args().split("\\s+");
            for (String source : Arrays.asList(parts).subList(0, parts.length - 1)) {
                assertThat(Repo.path(source)).as("COPY source " + source).exists();
                sources.add(source.endsWith("/") ? source : source + (Files.isDirectory(Repo.path(source)) ? "/" : ""));
            }
        }
        assertThat(sources).contains("pom.xml");
        for (Dockerfile.Instruction copy : docker.lastStage().all("COPY")) {
            String source = copy.args().split("\\s+")[1];
            assertThat(source).startsWith("/src/");
            String inRepo = source.substring("/src/".length());
            if (!inRepo.contains("/target/")) {
                assertThat(Repo.path(inRepo)).as("COPY --from=build " + source).exists();
            }
        }
        // Maven reads every <module> of the parent pom even with -pl: a module not copied breaks the image build
        for (String module : Repo.modules()) {
            assertThat(sources).as("module " + module + " copied").anyMatch(s -> (module + "/").startsWith(s));
        }
    }

    @Test
    void theDockerignoreKeepsEverySourceTheBuildNeeds() {
        List<PathMatcher> ignored = new ArrayList<>();
        for (String line : Repo.read(".dockerignore").split("\n")) {
            String p = line.strip();
            if (!p.isEmpty() && !p.startsWith("#") && !p.startsWith("!")) {
                ignored.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            }
        }
        assertThat(ignored).as(".dockerignore parsed").isNotEmpty();
        List<String> needed = new ArrayList<>(List.of("pom.xml"));
        for (String module : Repo.modules()) {
            needed.add(module + "/pom.xml");
            needed.add(module);
        }
        needed.add("core/src/main/java/dev/worklog/WorkLogger.java");
        needed.add("examples/server/src/main/java/dev/worklog/server/Main.java");
        for (String n : needed) {
            assertThat(ignored).as(n + " must reach the build").noneMatch(m -> m.matches(Path.of(n)));
        }
        // and what must not go into an image layer is kept out
        assertThat(ignored).anyMatch(m -> m.matches(Path.of(".env")));
        assertThat(ignored).anyMatch(m -> m.matches(Path.of(".git")));
        assertThat(ignored).anyMatch(m -> m.matches(Path.of("core/target")));
    }

    @Test
    void theBuildRunsTheLaunchersMavenCommandAndCopiesTheJarItProduces() {
        Path launcher = Repo.path("worklog");
        Assumptions.assumeTrue(Files.isRegularFile(launcher), "the ./worklog launcher has not landed yet");
        String script = Repo.read("worklog");
        Matcher args = Pattern.compile("(?m)^\\s*args=\\(([^)]*)\\)").matcher(script);
        assertThat(args.find()).as("args=(...) in ./worklog").isTrue();
        String launcherArgs = args.group(1).strip().replaceAll("\\s+", " ");
        Dockerfile.Instruction run = docker.all("RUN").stream().filter(r -> r.args().startsWith("mvn ")).findFirst()
                .orElseThrow(() -> new AssertionError("no RUN mvn in the build stage"));
        assertThat(run.args().replaceAll("\\s+", " ")).isEqualTo("mvn " + launcherArgs);

        Matcher pl = Pattern.compile("-pl (\\S+)").matcher(launcherArgs);
        assertThat(pl.find()).isTrue();
        for (String module : pl.group(1).split(",")) {
            assertThat(Repo.modules()).contains(module);
        }
        Matcher jar = Pattern.compile("(?m)^JAR=\"\\$ROOT/([^\"]+)\"").matcher(script);
        assertThat(jar.find()).as("JAR=... in ./worklog").isTrue();
        Dockerfile.Instruction copyJar = docker.all("COPY").stream().filter(c -> c.args().startsWith("--from=build"))
                .findFirst().orElseThrow();
        assertThat(copyJar.args()).startsWith("--from=build /src/" + jar.group(1) + " ");
        // the jar is what the cli module's shade plugin makes: <finalName>-<shadedClassifierName>.jar
        String cliPom = Repo.read("examples/cli/pom.xml");
        String finalName = between(cliPom, "<finalName>", "</finalName>");
        String classifier = between(cliPom, "<shadedClassifierName>", "</shadedClassifierName>");
        assertThat(jar.group(1)).isEqualTo("examples/cli/target/" + finalName + "-" + classifier + ".jar");
        assertThat(cliPom).contains("<artifactId>worklog-server</artifactId>");
    }

    @Test
    void theEntrypointStartsTheServersMainClassFromTheCopiedJarAsAnUnprivilegedUser() {
        Dockerfile run = docker.lastStage();
        String entrypoint = run.all("ENTRYPOINT").get(0).args();
        Matcher main = Pattern.compile("-cp (\\S+) ([a-z.]+\\.[A-Z]\\w*)").matcher(entrypoint);
        assertThat(main.find()).as(entrypoint).isTrue();
        String jarInImage = main.group(1);
        assertThat(run.all("COPY").get(0).args()).endsWith(" " + jarInImage);
        String mainClass = main.group(2);
        assertThat(mainClass).isEqualTo("dev.worklog.server.Main");
        assertThat(Repo.path("examples/server/src/main/java/" + mainClass.replace('.', '/') + ".java")).exists();
        assertThat(entrypoint).contains("exec java $(sed -e 's/#.*//' /app/jvm.options) $JAVA_OPTS -cp");

        List<Dockerfile.Instruction> users = run.all("USER");
        assertThat(users).hasSize(1);
        assertThat(users.get(0).args()).isNotIn("root", "0");
        assertThat(run.all("RUN").get(0).args()).contains("adduser").contains(users.get(0).args());
    }

    @Test
    void portDataLogAndJvmFlagsAreSetForA512MbContainer() {
        Map<String, String> env = docker.lastStage().env();
        assertThat(env).containsEntry("PORT", "8000");
        String volume = docker.lastStage().all("VOLUME").get(0).args();
        assertThat(volume).isEqualTo("[\"/data\"]");
        assertThat(env.get("WORKLOG_DATA_DIR")).startsWith("/data/");
        assertThat(env.get("LOG_FILE")).startsWith("/data/");
        assertThat(env.get("WORKLOG_OUTBOX_DIR")).startsWith("/data/");
        assertThat(env.get("JAVA_OPTS")).contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(docker.lastStage().all("EXPOSE").get(0).args()).isEqualTo("8000");

        // the server's shared flags file is what the entrypoint reads, and it fits a 512 MB container
        assertThat(docker.lastStage().all("COPY")).extracting(Dockerfile.Instruction::args)
                .contains("--from=build /src/examples/server/jvm.options /app/jvm.options");
        assertThat(docker.lastStage().all("ENTRYPOINT").get(0).args()).contains("/app/jvm.options");
        List<String> flags = jvmOptions();
        assertThat(flags).contains("-XX:+UseSerialGC");
        String xmx = flags.stream().filter(f -> f.startsWith("-Xmx")).findFirst()
                .orElseThrow(() -> new AssertionError("jvm.options must cap the heap: " + flags));
        assertThat(megabytes(xmx.substring(4))).as("heap of a 512 MB container").isBetween(32L, 300L);
    }

    /** examples/server/jvm.options as the launcher and the entrypoint read it. */
    static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        for (String line : Repo.read("examples/server/jvm.options").split("\n")) {
            String flag = line.replaceAll("#.*", "").strip();
            if (!flag.isEmpty()) {
                out.add(flag);
            }
        }
        return out;
    }

    private static long megabytes(String size) {
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long n = Long.parseLong(Character.isDigit(unit) ? size : size.substring(0, size.length() - 1));
        return switch (unit) {
            case 'g' -> n * 1024;
            case 'm' -> n;
            case 'k' -> n / 1024;
            default -> n / (1024 * 1024);
        };
    }

    @Test
    void theHealthcheckProbesHealthOnThePortWithAToolTheImageHas() {
        String check = docker.lastStage().all("HEALTHCHECK").get(0).args();
        assertThat(check).contains("CMD wget -q -O /dev/null \"http://127.0.0.1:${PORT}/health\"");
        // busybox wget exists on the alpine images only
        assertThat(docker.all("FROM").get(1).args()).contains("-alpine");
        assertThat(LambdaHandlerProbe.routes()).contains("GET /health");
    }

    // ---------------------------------------------------------------- render.yaml

    @Test
    void renderBlueprintDeclaresTheFreeDockerWebServiceWithTheOriginalsVariables() {
        Map<String, Object> blueprint = Repo.yaml("render.yaml");
        List<Object> services = Repo.list(blueprint.get("services"));
        assertThat(services).hasSize(1);
        Map<String, Object> web = Repo.map(services.get(0));
        assertThat(web).containsEntry("type", "web").containsEntry("name", "work-logging-api")
                .containsEntry("runtime", "docker").containsEntry("plan", "free");
        assertThat(Repo.path((String) web.get("dockerfilePath"))).exists();
        assertThat(Repo.path((String) web.get("dockerContext")).resolve("pom.xml")).exists();
        String health = (String) web.get("healthCheckPath");
        assertThat(LambdaHandlerProbe.routes()).contains("GET " + health);

        Map<String, Map<String, Object>> vars = Repo.list(web.get("envVars")).stream().map(Repo::map)
                .collect(Collectors.toMap(v -> (String) v.get("key"), v -> v));
        assertThat(vars.keySet()).containsAll(List.of("API_AUTH_TOKEN", "LLM_PROVIDER", "NOTION_API_KEY",
                "NOTION_DB1_ID", "NOTION_DB2_ID", "NOTION_DB3_ID", "CLAUDE_API_KEY", "OPENAI_API_KEY",
                "GEMINI_API_KEY"));
        for (String secret : List.of("API_AUTH_TOKEN", "NOTION_API_KEY", "CLAUDE_API_KEY", "OPENAI_API_KEY",
                "GEMINI_API_KEY")) {
            assertThat(vars.get(secret)).as(secret).containsEntry("sync", "false").doesNotContainKey("value");
        }
        for (Map<String, Object> v : vars.values()) {
            assertThat(v.containsKey("value") ^ "false".equals(v.get("sync"))).as(v.toString()).isTrue();
        }
        assertThat(vars.get("LLM_PROVIDER").get("value")).isIn("claude", "openai", "gemini", "offline");
        assertThat(vars).doesNotContainKey("PORT"); // Render sets it; the image honours it
    }

    // ---------------------------------------------------------------- workflows

    @Test
    void ciRunsTheReadmesTestCommandOnJdk17And21() {
        Map<String, Object> ci = Repo.yaml(".github/workflows/ci.yml");
        Map<String, Object> test = Repo.map(Repo.map(ci.get("jobs")).get("test"));
        Map<String, Object> matrix = Repo.map(Repo.map(test.get("strategy")).get("matrix"));
        assertThat(matrix.get("java")).isEqualTo(List.of("17", "21"));
        List<Map<String, Object>> steps = steps(test);
        assertThat(steps.get(0)).containsEntry("uses", "actions/checkout@v4");
        Map<String, Object> setup = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java@"))
                .findFirst().orElseThrow();
        assertThat(Repo.map(setup.get("with"))).containsEntry("distribution", "temurin")
                .containsEntry("java-version", "${{ matrix.java }}").containsEntry("cache", "maven");
        assertThat(steps).anySatisfy(s -> assertThat(s.get("run")).isEqualTo("bash .ci/run"));
        assertThat(Repo.path(".ci/run")).exists();
        assertThat(Repo.read(".ci/run")).contains("./mvnw -B verify");
        assertThat(Repo.read("README.md")).contains("./mvnw -B verify");
        assertThat(Repo.map(ci.get("on"))).containsKeys("push", "pull_request");
    }

    @Test
    void aJobWithOnlyAJdkRunsTheReadmesTwoCommands() {
        Map<String, Object> job = Repo.map(Repo.map(Repo.yaml(".github/workflows/ci.yml").get("jobs")).get("jdk-only"));
        assertThat(job.get("container")).isEqualTo("eclipse-temurin:17-jdk");
        List<Object> runs = steps(job).stream().map(s -> s.get("run")).filter(r -> r != null).toList();
        assertThat(runs).containsExactly("! command -v mvn", "./worklog demo", "bash .ci/run");
        assertThat(Repo.path("mvnw")).isExecutable();
        assertThat(Repo.read(".mvn/wrapper/maven-wrapper.properties"))
                .containsPattern("distributionUrl=https://repo\\.maven\\.apache\\.org/maven2/org/apache/maven/")
                .containsPattern("distributionSha512=[0-9a-f]{128}");
    }

    @Test
    void keepaliveGetsHealthEvery14MinutesAndSkipsWithoutTheSecret() {
        Map<String, Object> wf = Repo.yaml(".github/workflows/keepalive.yml");
        assertThat(wf.get("name")).isEqualTo("Keep Render Service Alive");
        Map<String, Object> on = Repo.map(wf.get("on"));
        assertThat(Repo.map(Repo.list(on.get("schedule")).get(0))).containsEntry("cron", "*/14 * * * *");
        assertThat(on).containsKey("workflow_dispatch");
        Map<String, Object> job = Repo.map(Repo.map(wf.get("jobs")).get("ping"));
        assertThat(Repo.map(job.get("env"))).containsEntry("RENDER_SERVICE_URL", "${{ secrets.RENDER_SERVICE_URL }}");
        List<Map<String, Object>> steps = steps(job);
        assertThat(steps).anySatisfy(s -> {
            assertThat(s).containsEntry("if", "env.RENDER_SERVICE_URL == ''");
            assertThat((String) s.get("run")).contains("::notice");
        });
        Map<String, Object> ping = steps.stream().filter(s -> "env.RENDER_SERVICE_URL != ''".equals(s.get("if")))
                .findFirst().orElseThrow();
        String run = (String) ping.get("run");
        assertThat(run).contains("curl --fail", "--retry", "\"${RENDER_SERVICE_URL%/}/health\"");
        assertThat(LambdaHandlerProbe.routes()).contains("GET /health");
    }

    @Test
    void summariesPostToRoutesAndFieldsTheServerServes() throws Exception {
        Map<String, Object> wf = Repo.yaml(".github/workflows/summaries.yml");
        Map<String, Object> on = Repo.map(wf.get("on"));
        List<String> crons = Repo.list(on.get("schedule")).stream().map(s -> (String) Repo.map(s).get("cron")).toList();
        // one Monday job: the weekly, then on a first Monday the monthly (DeploymentScheduleTest runs its dates)
        assertThat(crons).containsExactly("0 0 * * 1");
        Map<String, Object> inputs = Repo.map(Repo.map(on.get("workflow_dispatch")).get("inputs"));
        assertThat(Repo.map(inputs.get("dry_run"))).containsEntry("type", "boolean");
        Map<String, Object> job = Repo.map(Repo.map(wf.get("jobs")).get("rollup"));
        Map<String, Object> env = Repo.map(job.get("env"));
        assertThat(env).containsEntry("WORKLOG_API_URL", "${{ secrets.WORKLOG_API_URL }}")
                .containsEntry("API_AUTH_TOKEN", "${{ secrets.API_AUTH_TOKEN }}");
        assertThat((String) env.get("KIND")).contains("inputs.kind").contains("'scheduled'");
        List<Map<String, Object>> steps = steps(job);
        assertThat(steps).anySatisfy(s -> assertThat(s).containsEntry("if", "env.WORKLOG_API_URL == ''"));
        String post = (String) steps.stream().filter(s -> "POST the roll-up".equals(s.get("name"))).findFirst()
                .orElseThrow().get("run");

        JsonNode openApi = LambdaHandlerProbe.openApi();
        for (String route : List.of("/weekly-summaries", "/monthly-summaries")) {
            assertThat(post).contains("post " + route);
            assertThat(LambdaHandlerProbe.routes()).contains("POST " + route);
        }
        assertThat(post).contains("{\"week\":\"%s\",\"dry_run\":%s}", "{\"month\":\"%s\",\"dry_run\":%s}");
        assertThat(requestFields(openApi, "/weekly-summaries")).contains("week", "previous", "start_date", "end_date",
                "dry_run");
        assertThat(requestFields(openApi, "/monthly-summaries")).contains("month", "previous", "roll_up_missing_weeks",
                "dry_run");
        assertThat(post).contains("Authorization: Bearer $API_AUTH_TOKEN");
    }

    /** The property names of a route's JSON request body in the server's OpenAPI document. */
    static Set<String> requestFields(JsonNode openApi, String path) {
        JsonNode schema = openApi.path("paths").path(path).path("post").path("requestBody").path("content")
                .path("application/json").path("schema");
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = openApi.at(ref.substring(1));
        }
        Set<String> out = new java.util.TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(out::add);
        assertThat(out).as("request fields of " + path).isNotEmpty();
        return out;
    }

    // ---------------------------------------------------------------- SAM template

    @Test
    void theSamTemplatePointsAtTheHandlerTheJarAndTheSchedules() throws Exception {
        Map<String, Object> template = Repo.yaml("examples/lambda/template.yaml");
        assertThat(template.get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
        Map<String, Object> resources = Repo.map(template.get("Resources"));
        assertThat(Repo.map(resources.get("WorklogApi"))).containsEntry("Type", "AWS::Serverless::HttpApi");
        Map<String, Object> fn = Repo.map(Repo.map(resources.get("WorklogFunction")).get("Properties"));
        assertThat(fn.get("Runtime")).isIn("java17", "java21");

        String handler = (String) fn.get("Handler");
        String[] parts = handler.split("::");
        Class<?> type = Class.forName(parts[0]);
        assertThat(type.getConstructor()).isNotNull();
        assertThat(type.getMethod(parts[1], java.io.InputStream.class, java.io.OutputStream.class).getReturnType())
                .isEqualTo(void.class);

        String lambdaPom = Repo.read("examples/lambda/pom.xml");
        assertThat(fn.get("CodeUri")).isEqualTo("target/" + between(lambdaPom, "<finalName>", "</finalName>") + ".jar");
        assertThat(lambdaPom).contains("maven-shade-plugin").doesNotContain("com.amazonaws");

        Map<String, Object> vars = Repo.map(Repo.map(fn.get("Environment")).get("Variables"));
        assertThat(vars.keySet()).containsAll(List.of("API_AUTH_TOKEN", "LLM_PROVIDER", "NOTION_API_KEY",
                "NOTION_DB1_ID", "NOTION_DB2_ID", "NOTION_DB3_ID", "CLAUDE_API_KEY", "OPENAI_API_KEY",
                "GEMINI_API_KEY", "LOG_FILE"));
        assertThat(vars.get("LOG_FILE")).as("CloudWatch keeps stdout; /tmp would not keep a file").isEqualTo("-");
        assertThat((String) vars.get("WORKLOG_DATA_DIR")).startsWith("/tmp/");
        assertThat(vars).doesNotContainKey("WORKLOG_OUTBOX_DURABLE"); // auto: not durable on Lambda
        Map<String, Object> params = Repo.map(template.get("Parameters"));
        for (String secret : List.of("ApiAuthToken", "NotionApiKey", "LlmApiKey")) {
            assertThat(Repo.map(params.get(secret))).containsEntry("Type", "AWS::SSM::Parameter::Value<String>")
                    .containsEntry("NoEcho", "true");
        }

        Map<String, Object> events = Repo.map(fn.get("Events"));
        assertThat(Repo.map(events.get("Api"))).containsEntry("Type", "HttpApi");
        for (String[] schedule : new String[][] {{"WeeklyRollup", "weekly"}, {"MonthlyRollup", "monthly"}}) {
            Map<String, Object> e = Repo.map(events.get(schedule[0]));
            assertThat(e).containsEntry("Type", "Schedule");
            Map<String, Object> props = Repo.map(e.get("Properties"));
            assertThat((String) props.get("Schedule")).startsWith("cron(");
            JsonNode input = Json.MAPPER.readTree((String) props.get("Input"));
            assertThat(input.path("worklog").asText()).isEqualTo(schedule[1]);
            assertThat(input.has("month") || input.has("week")).as("the period comes from \"previous\"").isFalse();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return Repo.list(job.get("steps")).stream().map(s -> (Map<String, Object>) Repo.map(s)).toList();
    }

    private static String between(String text, String open, String close) {
        int a = text.indexOf(open);
        int b = text.indexOf(close, a);
        assertThat(a).as(open + " in the pom").isGreaterThanOrEqualTo(0);
        return text.substring(a + open.length(), b).strip();
    }
}
