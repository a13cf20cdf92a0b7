package dev.worklog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the three vendors' APIs (Claude Messages, OpenAI Chat Completions, Gemini
 * {@code generateContent}) that answers in each vendor's real response shape, checks the credential header and
 * records every request, body included. What the "model" writes comes from a {@link #responder(Function)}: by
 * default a fixed Korean roll-up citing the source ids it reads out of the prompt, so that the pipeline's source
 * checks pass as they would with a good model.
 *
 * <pre>{@code
 * try (VendorFake vendor = new VendorFake()) {
 *     env.put("CLAUDE_BASE_URL", vendor.baseUrl());   // ... run a roll-up ...
 *     assertThat(vendor.requests.get(0).body()).doesNotContain("jane@acme.com");
 * }
 * }</pre>
 */
public final class VendorFake implements AutoCloseable {
    /** The key every vendor accepts. */
    public static final String KEY = "sk-test-vendor-key-0123456789";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SOURCE_ID = Pattern.compile("\\(id: ([A-Za-z0-9_.-]+)\\)");
    private static final Pattern REVIEW_REF = Pattern.compile("\\[(W\\d+)\\]");

    /**
     * A request the fake received.
     *
     * @param method the HTTP method
     * @param path the path
     * @param query the raw query, or {@code null}
     * @param headers the headers
     * @param body the body as sent
     */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        /** The first value of a header, in any case, or {@code null}. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        /** The user message the body carries, in the vendor's shape. */
        public String prompt() {
            return VendorFake.prompt(body);
        }
    }

    /** Every request received, in order. */
    public final List<Received> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile Function<String, String> responder = VendorFake::defaultRollup;

    /** Starts on a free loopback port. */
    public VendorFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL every provider can be pointed at ({@code PREFIX_BASE_URL}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What the model writes: the roll-up JSON for a user message. */
    public VendorFake responder(Function<String, String> value) {
        this.responder = value;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        Received r = new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(r);
        String reply;
        int status;
        if (path.equals("/v1/messages")) {
            status = KEY.equals(r.header("x-api-key")) ? 200 : 401;
            reply = status == 200 ? claude(responder.apply(prompt(body))) : "";
        } else if (path.equals("/v1/chat/completions")) {
            status = ("Bearer " + KEY).equals(r.header("Authorization")) ? 200 : 401;
            reply = status == 200 ? openAi(responder.apply(prompt(body))) : "";
        } else if (path.matches("/v1beta/models/[^/]+:generateContent")) {
            status = KEY.equals(r.header("x-goog-api-key")) ? 200 : 403;
            reply = status == 200 ? gemini(responder.apply(prompt(body))) : "";
        } else if (path.startsWith("/v1/models/") && exchange.getRequestMethod().equals("GET")) {
            // OpenAI's model lookup: the token-free check of a key (doctor, init)
            status = ("Bearer " + KEY).equals(r.header("Authorization")) ? 200 : 401;
            reply = "{\"id\":\"" + path.substring("/v1/models/".length()) + "\",\"object\":\"model\"}";
        } else {
            status = 404;
            reply = "{\"error\":{\"message\":\"no route " + path + "\"}}";
        }
        byte[] bytes = (status == 200 || status == 404 ? reply : "{\"error\":{\"message\":\"bad key\"}}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("request-id", "req_fake_1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The user message of a Claude, OpenAI or Gemini request body; the whole body when it has none. */
    static String prompt(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return body;
        }
        if (root.has("contents")) {
            return root.path("contents").path(0).path("parts").path(0).path("text").asText(body);
        }
        JsonNode messages = root.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return messages.get(i).path("content").asText(body);
            }
        }
        return body;
    }

    /** The source ids a prompt cites, {@code (id: X)}, in order. */
    public static List<String> sourceIds(String prompt) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = SOURCE_ID.matcher(prompt);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return new ArrayList<>(ids);
    }

    /**
     * The roll-up (or, for a review prompt, the review packet) JSON a sensible model would return for this prompt, in
     * Korean, whatever the logs say.
     */
    public static String defaultRollup(String prompt) {
        if (prompt.contains("narrative")) {
            return review(prompt);
        }
        boolean monthly = prompt.contains("career_brief");
        ObjectNode root = JSON.createObjectNode();
        ArrayNode achievements = root.putArray("achievements");
        List<String> idList = sourceIds(prompt);
        for (int i = 0; i < Math.min(2, idList.size()) || (monthly && i < 2); i++) {
            ObjectNode a = achievements.addObject();
            a.put("title", "검색 성능 개선 " + (i + 1));
            a.put("situation", "검색 API가 느렸다");
            a.put("task", "p99를 낮춘다");
            a.put("action", "Redis 캐시를 도입했다");
            a.put("result", "p99 800ms에서 120ms로 줄였다");
            a.putArray("tech_stack").add("Java").add("Redis");
            a.putArray("metrics").add("p99 800ms → 120ms");
            a.putArray("source_ids").add(idList.get(Math.min(i, idList.size() - 1)));
        }
        if (monthly) {
            root.putArray("career_brief").add("검색 지연을 크게 줄였다.").add("캐시 설계를 주도했다.").add("성능 문화를 만들었다.");
        } else {
            ArrayNode highlights = root.putArray("key_highlights");
            for (int i = 0; i < Math.min(3, idList.size()); i++) {
                highlights.add("하이라이트 " + (i + 1));
            }
        }
        return root.toString();
    }

    /** A review packet citing the first weekly achievement the prompt lists ({@code [W1]}). */
    private static String review(String prompt) {
        Matcher m = REVIEW_REF.matcher(prompt);
        ObjectNode root = JSON.createObjectNode();
        root.put("narrative", "11월에는 검색 지연을 줄이는 데 집중했다.");
        ObjectNode a = root.putArray("achievements").addObject();
        a.put("title", "검색 응답 속도 개선");
        a.put("theme", "성능");
        a.put("situation", "검색 API가 느렸다");
        a.put("task", "p99를 낮춘다");
        a.put("action", "Redis 캐시를 도입했다");
        a.put("result", "p99 800ms에서 120ms로 줄였다");
        a.putArray("tech_stack").add("Java").add("Redis");
        a.putArray("metrics").add("p99 800ms → 120ms");
        a.putArray("source_ids").add(m.find() ? m.group(1) : "W1");
        return root.toString();
    }

    private static String claude(String text) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", "claude-sonnet-4-6");
        r.putArray("content").addObject().put("type", "text").put("text", text);
        r.put("stop_reason", "end_turn").putNull("stop_sequence");
        r.putObject("usage").put("input_tokens", 1200).put("output_tokens", 340);
        return r.toString();
    }

    private static String openAi(String text) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1764115200).put("model", "gpt-4.1-mini");
        ObjectNode choice = r.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
        r.putObject("usage").put("prompt_tokens", 1100).put("completion_tokens", 300).put("total_tokens", 1400);
        return r.toString();
    }

    private static String gemini(String text) {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode candidate = r.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        candidate.put("finishReason", "STOP").put("index", 0);
        r.putObject("usageMetadata").put("promptTokenCount", 1000).put("candidatesTokenCount", 250)
                .put("totalTokenCount", 1250);
        r.put("modelVersion", "gemini-3.5-flash");
        return r.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
