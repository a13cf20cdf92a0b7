package dev.worklog.internal.http;

import java.net.http.HttpHeaders;
import java.util.Objects;

/**
 * A successful (2xx) HTTP response, body read as UTF-8 text.
 *
 * @param status the status code
 * @param headers the response headers
 * @param body the body text
 */
public record HttpResult(int status, HttpHeaders headers, String body) {
    public HttpResult {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }
}
