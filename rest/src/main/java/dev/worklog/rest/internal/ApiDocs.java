package dev.worklog.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /openapi.json}, the hand-written OpenAPI 3.1 document of the API (a resource next to this class, read
 * once), and {@code GET /docs}, that document rendered as plain HTML with inline styles, so it works offline and
 * behind a strict content-security policy (no CDN, no script).
 */
public final class ApiDocs {
    private volatile byte[] openApi;
    private volatile byte[] docs;

    /** {@code GET /openapi.json}. */
    public ApiResponse openApiDocument(ApiRequest request) {
        return new ApiResponse(200, Map.of("Content-Type", "application/json"), openApiBytes());
    }

    /** {@code GET /docs}. */
    public ApiResponse docsPage(ApiRequest request) {
        byte[] page = docs;
        if (page == null) {
            page = render(openApiBytes()).getBytes(StandardCharsets.UTF_8);
            docs = page;
        }
        // the page loads nothing from elsewhere; the policy makes sure it cannot
        return new ApiResponse(200, Map.of("Content-Type", "text/html; charset=utf-8", "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'"), page);
    }

    /** The OpenAPI document, read once from the jar. */
    public byte[] openApiBytes() {
        byte[] doc = openApi;
        if (doc == null) {
            try (InputStream in = ApiDocs.class.getResourceAsStream("openapi.json")) {
                if (in == null) {
                    throw new IllegalStateException("openapi.json is missing from the jar");
                }
                doc = in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read openapi.json", e);
            }
            openApi = doc;
        }
        return doc;
    }

    static String render(byte[] openApi) {
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(openApi);
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.json is not valid JSON", e);
        }
        StringBuilder h = new StringBuilder(16_384);
        String title = doc.path("info").path("title").asText("worklog API");
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;")
                .append("line-height:1.5;color:#222}table{border-collapse:collapse;width:100%;margin:1rem 0}")
                .append("th,td{border:1px solid #ccc;padding:.4rem .6rem;text-align:left;vertical-align:top}")
                .append("th{background:#f3f3f3}code{background:#f3f3f3;padding:0 .2rem}")
                .append(".m{font-weight:bold;font-family:monospace}pre{background:#f6f6f6;padding:.6rem;")
                .append("overflow:auto}</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append(" <small>")
                .append(esc(doc.path("info").path("version").asText())).append("</small></h1>\n");
        h.append("<p>").append(esc(doc.path("info").path("description").asText())).append("</p>\n");
        h.append("<p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI ")
                .append(esc(doc.path("openapi").asText())).append(").</p>\n");
        h.append("<h2>Routes</h2>\n<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th>")
                .append("<th>Responses</th><th>Auth</th></tr></thead><tbody>\n");
        for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : p.getValue().properties()) {
                JsonNode o = op.getValue();
                h.append("<tr><td class=\"m\">").append(esc(op.getKey().toUpperCase(java.util.Locale.ROOT)))
                        .append("</td><td><code>").append(esc(p.getKey())).append("</code></td><td>")
                        .append(esc(o.path("summary").asText())).append("<br><small>")
                        .append(esc(o.path("description").asText())).append("</small></td><td>");
                for (Map.Entry<String, JsonNode> r : o.path("responses").properties()) {
                    JsonNode resp = r.getValue();
                    if (resp.has("$ref")) {
                        String ref = resp.get("$ref").asText();
                        resp = doc.path("components").path("responses").path(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                    h.append("<code>").append(esc(r.getKey())).append("</code> ")
                            .append(esc(resp.path("description").asText())).append("<br>");
                }
                boolean open = o.has("security") && o.get("security").isEmpty();
                h.append("</td><td>").append(open ? "none" : "Bearer token").append("</td></tr>\n");
            }
        }
        h.append("</tbody></table>\n<h2>Schemas</h2>\n");
        for (Map.Entry<String, JsonNode> s : doc.path("components").path("schemas").properties()) {
            h.append("<h3 id=\"").append(esc(s.getKey())).append("\">").append(esc(s.getKey())).append("</h3>\n<pre>")
                    .append(esc(s.getValue().toPrettyString())).append("</pre>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
