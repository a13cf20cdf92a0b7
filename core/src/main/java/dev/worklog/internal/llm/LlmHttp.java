package dev.worklog.internal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.error.AuthenticationException;
import dev.worklog.error.NonRetryableException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.UpstreamError;
import dev.worklog.error.WorkLogException;
import dev.worklog.internal.Json;
import dev.worklog.internal.http.ErrorReader;
import dev.worklog.internal.http.HttpErrors;
import dev.worklog.internal.http.HttpExecutor;
import dev.worklog.internal.http.HttpResult;
import dev.worklog.internal.http.Redaction;
import dev.worklog.internal.http.RetryEvent;
import dev.worklog.spi.SpiContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON to an LLM vendor through the shared {@link HttpExecutor}: its retry policy, timeouts and secrets all
 * come from {@link LlmSettings}, retries are written to the execution log (a 429 with the keyword
 * {@code rate_limit_exceeded}), and errors that call for a configuration change name the variable to fix.
 *
 * <pre>{@code
 * LlmHttp http = LlmHttp.create(settings, context, ErrorReader.generic());
 * JsonNode reply = http.postJson(url, Map.of("Authorization", "Bearer " + settings.apiKey()), body);
 * }</pre>
 */
public final class LlmHttp {
    /** The execution-log component of LLM calls. */
    public static final String LOG_COMPONENT = "llm_client";

    private static final Logger LOG = LoggerFactory.getLogger(LlmHttp.class);

    private final LlmSettings settings;
    private final HttpExecutor executor;
    private final List<String> secrets;

    private LlmHttp(LlmSettings settings, HttpExecutor executor, List<String> secrets) {
        this.settings = settings;
        this.executor = executor;
        this.secrets = secrets;
    }

    /**
     * Builds the executor for a provider.
     *
     * @param settings the provider's settings
     * @param context clock, sleeper and execution log
     * @param errorReader the vendor's error reader (codes, request ids, quota exhaustion)
     */
    public static LlmHttp create(LlmSettings settings, SpiContext context, ErrorReader errorReader) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        List<String> secrets = new ArrayList<>();
        secrets.add(settings.apiKey());
        secrets.addAll(settings.config().secretValues());
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // plain http is a local server (Ollama, vLLM): no h2c upgrade dance with a POST body
                .version(settings.baseUrl().startsWith("http://") ? HttpClient.Version.HTTP_1_1
                        : HttpClient.Version.HTTP_2)
                // a redirect would turn the POST into a GET; better to fail and show the status
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpExecutor executor = HttpExecutor.builder(settings.provider())
                .httpClient(client)
                .retryPolicy(settings.retryPolicy())
                .clock(context.clock())
                .sleeper(context.sleeper())
                .errorReader(Objects.requireNonNull(errorReader, "errorReader"))
                .secrets(secrets)
                .onRetry(event -> context.executionLog().info(LOG_COMPONENT,
                        Redaction.redact(describe(event, settings), secrets)))
                .build();
        return new LlmHttp(settings, executor, List.copyOf(secrets));
    }

    /**
     * Posts the body and returns the parsed JSON reply of a 2xx response.
     *
     * @param url the endpoint; must not carry the key
     * @param headers request headers, the credential among them
     * @throws WorkLogException after the retries, with the variable to check named for 401, 403 and 404
     * @throws dev.worklog.error.LlmOutputException when a 2xx body is not JSON
     */
    public JsonNode postJson(String url, Map<String, String> headers, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        return send(request, headers, "POST", url);
    }

    /**
     * Sends a GET and returns the parsed JSON reply of a 2xx response: for cheap checks such as reading a model's
     * description ({@link dev.worklog.spi.LlmProvider#checkHealth()}), which spend no tokens. Waits at most 30 s
     * per attempt (a check should not take the minutes a completion may).
     *
     * @throws WorkLogException after the retries, with the variable to check named for 401, 403 and 404
     */
    public JsonNode getJson(String url, Map<String, String> headers) {
        java.time.Duration timeout = settings.timeout().compareTo(java.time.Duration.ofSeconds(30)) < 0
                ? settings.timeout() : java.time.Duration.ofSeconds(30);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").GET();
        return send(request, headers, "GET", url);
    }

    private JsonNode send(HttpRequest.Builder request, Map<String, String> headers, String method, String url) {
        headers.forEach(request::header);
        LOG.debug("{}: {} {} (model {})", settings.provider(), method, url, settings.model());
        HttpResult result;
        try {
            result = executor.execute(request.build());
        } catch (AuthenticationException e) {
            throw new AuthenticationException(e.getMessage() + " (" + settings.apiKeyVariable() + ")",
                    e.upstream().orElse(null), e);
        } catch (PermissionDeniedException e) {
            throw new PermissionDeniedException(e.getMessage() + ". Check that the key in "
                    + settings.apiKeyVariable() + " may use the model '" + settings.model() + "' ("
                    + settings.modelVariable() + ")", e.upstream().orElse(null), e);
        } catch (NotFoundException e) {
            throw new NotFoundException(e.getMessage() + ". The model '" + settings.model()
                    + "' may be unknown or retired: check " + settings.modelVariable() + " (and "
                    + settings.baseUrlVariable() + "=" + settings.baseUrl() + ")"
                    + (settings.local() ? "; a local server serves only the models pulled or loaded into it (Ollama: "
                            + "ollama pull " + settings.model() + ")" : ""), e.upstream().orElse(null), e);
        } catch (NonRetryableException e) {
            int status = e.upstream().map(UpstreamError::status).orElse(0);
            if (status >= 300 && status < 400) {
                throw new NonRetryableException(e.getMessage() + ". Redirects are not followed (they would turn the "
                        + "POST into a GET): set " + settings.baseUrlVariable() + " to the final address, e.g. https "
                        + "instead of http", e.upstream().orElse(null), e);
            }
            throw e;
        }
        JsonNode json = Json.tryParse(result.body());
        if (json == null || !json.isObject()) {
            throw LlmOutputs.unusable(settings.provider(), settings.model(), "answered HTTP " + result.status()
                    + " with a body that is not a JSON object ("
                    + Redaction.redact(result.body().isBlank() ? "empty body" : HttpErrors.describeNonJson(result.body()), secrets)
                    + ")");
        }
        return json;
    }

    private static String describe(RetryEvent event, LlmSettings settings) {
        return event.describe() + " (model " + settings.model() + ")";
    }
}
