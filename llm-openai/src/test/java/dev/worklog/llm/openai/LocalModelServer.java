package dev.worklog.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.worklog.internal.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback stand-in for the local model servers people point {@code OPENAI_BASE_URL} at, with the quirks that
 * matter to us, one {@link Flavour} at a time: what each accepts in {@code response_format}, how it answers a model
 * lookup, whether it wants a key, and what its models write around the JSON. It records every request body.
 */
final class LocalModelServer implements AutoCloseable {
    /** The servers and their quirks. */
    enum Flavour {
        /**
         * Ollama's {@code /v1}: any key or none, {@code json_schema} honoured, {@code GET /v1/models/{id}} answers,
         * only the old {@code max_tokens} field is honoured (the new one is ignored, not rejected).
         */
        OLLAMA,
        /**
         * An older llama.cpp server: {@code json_schema} is refused with a 500 ("response_format type must be one of
         * text or json_object"), {@code json_object} works; {@code /v1/models} lists the one loaded model, a lookup by
         * id is a 404.
         */
        LLAMA_CPP,
        /**
         * A vLLM build without guided decoding: any {@code response_format} is a 400 naming it; the model writes its
         * JSON inside a fenced block after a sentence of prose, and after a {@code <think>} block; only the list of
         * models is served.
         */
        VLLM
    }

    /** The model every flavour serves. */
    static final String MODEL = "qwen2.5:7b-instruct";

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    private final Flavour flavour;
    private final HttpServer server;
    private volatile Function<String, String> model;

    LocalModelServer(Flavour flavour, Function<String, String> model) throws IOException {
        this.flavour = flavour;
        this.model = model;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL as people write it: a bare host and port (the provider adds {@code /v1}). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What the model writes, as the JSON text, for a user message. */
    LocalModelServer model(Function<String, String> value) {
        this.model = value;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(exchange.getRequestMethod() + " " + path);
        byte[] in = exchange.getRequestBody().readAllBytes();
        if (path.equals("/v1/models") && exchange.getRequestMethod().equals("GET")) {
            ObjectNode list = Json.MAPPER.createObjectNode().put("object", "list");
            list.putArray("data").addObject().put("id", MODEL).put("object", "model").put("owned_by", "local");
            send(exchange, 200, list.toString());
        } else if (path.equals("/v1/models/" + MODEL) && flavour == Flavour.OLLAMA) {
            send(exchange, 200, "{\"id\":\"" + MODEL + "\",\"object\":\"model\",\"owned_by\":\"library\"}");
        } else if (path.equals("/v1/chat/completions") && exchange.getRequestMethod().equals("POST")) {
            JsonNode body = Json.tryParse(new String(in, StandardCharsets.UTF_8));
            requests.add(body);
            complete(exchange, body);
        } else if (flavour == Flavour.OLLAMA) {
            send(exchange, 404, "404 page not found");
        } else {
            send(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"File Not Found\",\"type\":\"not_found_error\"}}");
        }
    }

    private void complete(HttpExchange exchange, JsonNode body) throws IOException {
        String format = body.path("response_format").path("type").asText("");
        if (flavour == Flavour.LLAMA_CPP && format.equals("json_schema")) {
            send(exchange, 500, "{\"error\":{\"code\":500,\"message\":\"response_format type must be one of \\\"text\\\" "
                    + "or \\\"json_object\\\", but got: json_schema\",\"type\":\"server_error\"}}");
            return;
        }
        if (flavour == Flavour.VLLM && !format.isEmpty()) {
            send(exchange, 400, "{\"object\":\"error\",\"message\":\"[{'type': 'value_error', 'loc': ('body', "
                    + "'response_format'), 'msg': 'guided decoding backend is not available'}]\","
                    + "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}");
            return;
        }
        String user = "";
        for (JsonNode m : body.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                user = m.path("content").asText();
            }
        }
        String text = model.apply(user);
        if (flavour == Flavour.VLLM) {
            text = "<think>\nThe user wants STAR achievements; I will cite the ids.\n</think>\n\nHere is the JSON:\n"
                    + "```json\n" + text + "\n```";
        }
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("id", "chatcmpl-local").put("object", "chat.completion").put("created", 1764115200).put("model", MODEL);
        ObjectNode choice = r.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        if (flavour != Flavour.LLAMA_CPP) {
            r.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 200).put("total_tokens", 1100);
        }
        send(exchange, 200, r.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
