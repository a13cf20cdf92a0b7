package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import dev.worklog.testing.JsonSchemaSubset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks real responses against {@code openapi.json}: the status must be documented for the operation (404 and
 * 405 for undocumented paths and methods), and the body must match the documented schema. Every reply the tests
 * receive goes through here, and what was seen is recorded so a test can check every documented status occurred.
 */
final class OpenApiContract {
    static final JsonNode DOC = load();
    static final JsonSchemaSubset VALIDATOR = new JsonSchemaSubset(DOC);
    /** "METHOD /path STATUS" seen by any test in this JVM. */
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private OpenApiContract() {
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/dev/worklog/rest/internal/openapi.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented operation, or a missing node. */
    static JsonNode operation(String method, String path) {
        return DOC.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    }

    static void check(String method, String path, int status, String contentType, String body) {
        JsonNode op = operation(method, path);
        JsonNode response;
        if (op.isMissingNode()) {
            // undocumented path or method: only the generic refusals are allowed
            String name = DOC.path("paths").has(path) ? "MethodNotAllowed" : "NotFound";
            if (status == 401 && !"/health".equals(path)) {
                name = "Unauthorized";
            }
            assertThat(status).as("%s %s is undocumented, so it must be refused", method, path)
                    .isEqualTo(Map.of("MethodNotAllowed", 405, "NotFound", 404, "Unauthorized", 401).get(name));
            response = DOC.path("components").path("responses").path(name);
        } else {
            JsonNode responses = op.path("responses");
            assertThat(responses.has(String.valueOf(status)))
                    .as("%s %s answered %s, which openapi.json does not document (body %s)", method, path, status, body)
                    .isTrue();
            response = responses.get(String.valueOf(status));
            if (response.has("$ref")) {
                response = VALIDATOR.resolve(response.get("$ref").asText());
            }
            SEEN.add(method + " " + path + " " + status);
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(body).as("%s %s %s documents no body", method, path, status).isEmpty();
            return;
        }
        String media = contentType == null ? "" : contentType.split(";")[0].strip();
        assertThat(content.has(media)).as("%s %s %s: content type %s is not documented", method, path, status,
                contentType).isTrue();
        if (media.equals("application/json")) {
            JsonNode value;
            try {
                value = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(method + " " + path + " " + status + " sent invalid JSON: " + body, e);
            }
            List<String> errors = VALIDATOR.validate(content.get(media).path("schema"), value);
            assertThat(errors).as("%s %s %s body %s against openapi.json", method, path, status, body).isEmpty();
        }
    }
}
