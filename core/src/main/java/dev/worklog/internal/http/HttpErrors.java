package dev.worklog.internal.http;

import dev.worklog.error.AuthenticationException;
import dev.worklog.error.InvalidRequestException;
import dev.worklog.error.NonRetryableException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.ServerException;
import dev.worklog.error.UpstreamError;
import dev.worklog.error.WorkLogException;

/**
 * The one place where an HTTP status becomes an exception class. Every module (Notion, the three LLM providers)
 * maps through here, so that a 401 is an {@link AuthenticationException} whichever service sent it.
 *
 * <table>
 * <caption>Status to exception</caption>
 * <tr><th>Status</th><th>Exception</th><th>Retryable</th></tr>
 * <tr><td>400, 413, 422, other 4xx</td><td>{@link InvalidRequestException}</td><td>no</td></tr>
 * <tr><td>401</td><td>{@link AuthenticationException}</td><td>no</td></tr>
 * <tr><td>403</td><td>{@link PermissionDeniedException}</td><td>no</td></tr>
 * <tr><td>404</td><td>{@link NotFoundException}</td><td>no</td></tr>
 * <tr><td>408, 409, 5xx, 529</td><td>{@link ServerException}</td><td>yes</td></tr>
 * <tr><td>429</td><td>{@link RateLimitException}, or {@link QuotaExceededException} when the quota is used up</td>
 * <td>yes / no</td></tr>
 * </table>
 */
public final class HttpErrors {
    private HttpErrors() {
    }

    /**
     * The exception for an error response.
     *
     * @param error what the service said
     * @param quotaExhausted whether the vendor's reader recognised a used-up quota
     * @param detail appended to the message, e.g. "after 3 attempts"; may be empty
     */
    public static WorkLogException map(UpstreamError error, boolean quotaExhausted, String detail) {
        String message = error.describe() + (detail == null || detail.isEmpty() ? "" : "; " + detail)
                + advice(error, quotaExhausted);
        int status = error.status();
        if (status == 429) {
            return quotaExhausted ? new QuotaExceededException(message, error, null)
                    : new RateLimitException(message, error, null);
        }
        if (status == 408 || status == 409 || status >= 500) {
            return new ServerException(message, error, null);
        }
        switch (status) {
            case 401:
                return new AuthenticationException(message, error, null);
            case 403:
                return new PermissionDeniedException(message, error, null);
            case 404:
                return new NotFoundException(message, error, null);
            default:
                if (status >= 400) {
                    return new InvalidRequestException(message, error, null);
                }
                return new NonRetryableException("unexpected HTTP status: " + message, error, null);
        }
    }

    /** A short description of a body that is not JSON, e.g. an HTML error page from a proxy. */
    public static String describeNonJson(String body) {
        String trimmed = body.strip();
        String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?is)<title>(.*?)</title>").matcher(trimmed);
            return "non-JSON (HTML) response" + (m.find() ? ": " + m.group(1).strip() : "");
        }
        String oneLine = trimmed.replaceAll("\\s+", " ");
        return "non-JSON response: " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
    }

    private static String advice(UpstreamError error, boolean quota) {
        if (quota) {
            return ". The " + error.service() + " quota or spend limit is used up; raise it or wait for it to reset";
        }
        switch (error.status()) {
            case 401:
                return ". Check the " + error.service() + " API key";
            case 429:
                return ". Rate limited; try again later";
            default:
                return "";
        }
    }
}
