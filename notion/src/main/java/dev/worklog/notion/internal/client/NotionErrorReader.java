package dev.worklog.notion.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.UpstreamError;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.ErrorReader;
import dev.worklog.internal.http.HttpErrors;
import java.net.http.HttpHeaders;

/**
 * Reads Notion's {@code {"object":"error","status","code","message","request_id","additional_data"}} bodies. The
 * message gets the fix appended, because Notion's own messages rarely say what to do (a 404 is also what an
 * unshared database looks like).
 */
public final class NotionErrorReader implements ErrorReader {
    /** The service name every Notion error carries. */
    public static final String SERVICE = "notion";

    @Override
    public UpstreamError read(String service, int status, HttpHeaders headers, String body) {
        JsonNode root = Json.tryParse(body);
        boolean json = root != null && root.isObject();
        String code = json ? text(root, "code") : "";
        String message = json ? text(root, "message")
                : body != null && !body.isBlank() ? HttpErrors.describeNonJson(body) : "";
        String requestId = json ? text(root, "request_id") : "";
        String reason = json ? rateLimitReason(root.path("additional_data").path("rate_limit_reason")) : "";
        if (requestId.isEmpty()) {
            requestId = headers.firstValue("x-notion-request-id").orElse("");
        }
        String advice = advice(status, code);
        if (!advice.isEmpty()) {
            message = message.isEmpty() ? advice : message + (message.endsWith(".") ? " " : ". ") + advice;
        }
        return new UpstreamError(service, status, code, message, requestId, null, reason);
    }

    /** Notion gives the reason as text, or as a list whose first item is the one that applies. */
    private static String rateLimitReason(JsonNode reason) {
        if (reason.isTextual()) {
            return reason.asText();
        }
        return reason.isArray() && reason.size() > 0 ? reason.get(0).asText() : "";
    }

    static String advice(int status, String code) {
        switch (status) {
            case 400:
                if ("missing_version".equals(code)) {
                    return "Set NOTION_VERSION to a supported version such as 2025-09-03";
                }
                return "Notion rejected the request as invalid: check that the databases match the expected schema "
                        + "(run the schema check, verifySchema) and that NOTION_VERSION suits them";
            case 401:
                return "Check NOTION_API_KEY: it must be the secret of an internal integration (starts with ntn_ or secret_)";
            case 403:
                return "The integration may not do this: give it read, update and insert content capabilities, and "
                        + "share the database with it (database menu ... > Connections > add the integration)";
            case 404:
                return "The database or page does not exist or is not shared with the integration: check the id, "
                        + "then share it (database menu ... > Connections > add the integration)";
            default:
                return "";
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
    }
}
