package dev.worklog.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.UpstreamError;
import dev.worklog.internal.Json;
import java.net.http.HttpHeaders;

final class GenericErrorReader implements ErrorReader {
    static final GenericErrorReader INSTANCE = new GenericErrorReader();

    private static final String[] REQUEST_ID_HEADERS = {"x-request-id", "request-id"};

    @Override
    public UpstreamError read(String service, int status, HttpHeaders headers, String body) {
        JsonNode root = Json.tryParse(body);
        String code = "";
        String message = "";
        String requestId = "";
        if (root != null) {
            JsonNode error = root.path("error");
            if (error.isArray() && error.size() > 0) {
                error = error.get(0);
            }
            if (error.isObject()) {
                message = text(error, "message");
                code = firstNonEmpty(text(error, "code"), text(error, "status"), text(error, "type"));
            } else {
                message = firstNonEmpty(text(root, "message"), error.isTextual() ? error.asText() : "");
                code = text(root, "code");
            }
            requestId = text(root, "request_id");
        } else if (body != null && !body.isBlank()) {
            message = HttpErrors.describeNonJson(body);
        }
        if (requestId.isEmpty()) {
            for (String h : REQUEST_ID_HEADERS) {
                requestId = headers.firstValue(h).orElse("");
                if (!requestId.isEmpty()) {
                    break;
                }
            }
        }
        return new UpstreamError(service, status, code, message, requestId, null, "");
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
    }

    static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}
