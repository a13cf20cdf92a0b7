package dev.worklog.rest.internal.http;

import dev.worklog.rest.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an answer as HTTP/1.1 bytes: status line, {@code Date} (formatted once a second), the response's headers,
 * {@code X-Content-Type-Options: nosniff}, the {@code Content-Length} of the body, and {@code Connection} when it
 * closes (or keeps an HTTP/1.0 connection alive). {@code Connection} and {@code Content-Length} set by the response
 * are the transport's to decide, so they are not copied. Used on the event loop only.
 */
final class ResponseEncoder {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

    private String dateHeader = "";
    private long dateSecond = -1;

    /**
     * The bytes of the answer.
     *
     * @param request the request's head, or {@code null} when it could not be read
     * @param headRequest whether the body is left out ({@code HEAD})
     * @param close whether the connection closes after the answer
     */
    byte[] encode(RequestHead request, ApiResponse response, boolean headRequest, boolean close) {
        byte[] payload = response.body();
        StringBuilder sb = new StringBuilder(256);
        sb.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status()))
                .append("\r\nDate: ").append(date());
        for (Map.Entry<String, String> e : response.headers().entrySet()) {
            if (!e.getKey().equalsIgnoreCase("Connection") && !e.getKey().equalsIgnoreCase("Content-Length")) {
                sb.append("\r\n").append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        sb.append("\r\nX-Content-Type-Options: nosniff");
        sb.append("\r\nContent-Length: ").append(payload.length);
        if (close) {
            sb.append("\r\nConnection: close");
        } else if (request != null && !request.http11()) {
            sb.append("\r\nConnection: keep-alive");
        }
        sb.append("\r\n\r\n");
        byte[] h = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (headRequest || payload.length == 0) {
            return h;
        }
        byte[] all = Arrays.copyOf(h, h.length + payload.length);
        System.arraycopy(payload, 0, all, h.length, payload.length);
        return all;
    }

    private String date() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            dateSecond = second;
            dateHeader = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        }
        return dateHeader;
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Content";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status";
        };
    }
}
