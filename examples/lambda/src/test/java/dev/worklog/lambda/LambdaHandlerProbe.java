package dev.worklog.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.config.WorkLogConfig;
import dev.worklog.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A handler over a throwaway local store, for the deployment tests: which routes the server really serves and
 * its OpenAPI document, read from the running handler rather than from a copy.
 */
public final class LambdaHandlerProbe {
    private static LambdaHandler handler;

    private LambdaHandlerProbe() {
    }

    private static synchronized LambdaHandler handler() {
        if (handler == null) {
            try {
                Path dir = Files.createTempDirectory("worklog-probe");
                dir.toFile().deleteOnExit();
                handler = new LambdaHandler(WorkLogConfig.of(Map.of("WORKLOG_STORE", "local",
                        "WORKLOG_DATA_DIR", dir.resolve("data").toString(),
                        "WORKLOG_OUTBOX_DIR", dir.resolve("outbox").toString(),
                        "LOG_FILE", dir.resolve("execution.log").toString(), "LLM_PROVIDER", "offline")),
                        java.time.Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true,
                                StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return handler;
    }

    /** Every route, as {@code METHOD /path}. */
    public static Set<String> routes() {
        Set<String> routes = handler().routes();
        if (routes.isEmpty()) {
            throw new AssertionError("the probe handler did not start");
        }
        return routes;
    }

    /** The OpenAPI document, fetched through an HTTP API event. */
    public static JsonNode openApi() throws IOException {
        String event = "{\"version\":\"2.0\",\"rawPath\":\"/openapi.json\",\"rawQueryString\":\"\",\"headers\":{},"
                + "\"requestContext\":{\"http\":{\"method\":\"GET\"},\"stage\":\"$default\"},\"isBase64Encoded\":false}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out);
        JsonNode response = Json.MAPPER.readTree(out.toByteArray());
        if (response.path("statusCode").asInt() != 200) {
            throw new AssertionError("GET /openapi.json answered " + response);
        }
        return Json.MAPPER.readTree(response.path("body").asText());
    }
}
