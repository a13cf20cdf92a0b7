package dev.worklog.rest.internal;

import dev.worklog.internal.json.StrictJson;
import dev.worklog.rest.ApiRequest;
import dev.worklog.rest.ApiResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Routes by exact path, then method. Order of checks: authentication (every path but the open one, so that
 * unauthenticated callers cannot probe which routes exist: an unknown path is 401 before it is 404), path (404),
 * method (405 with {@code Allow}); the route itself checks its body.
 */
public final class Router {
    private final BearerAuth auth;
    private final String openPath;
    /** path -> method -> handler, in the order the routes are documented. */
    private final Map<String, Map<String, Function<ApiRequest, ApiResponse>>> routes = new LinkedHashMap<>();

    /**
     * @param auth the credentials every route but {@code openPath} requires
     * @param openPath the path that needs no token (the health check)
     */
    public Router(BearerAuth auth, String openPath) {
        this.auth = auth;
        this.openPath = openPath;
    }

    /** Adds a route; {@code handler} may throw {@link ApiError}. */
    public Router route(String method, String path, Function<ApiRequest, ApiResponse> handler) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
        return this;
    }

    /** Every route, as {@code METHOD /path}. */
    public Set<String> routes() {
        Set<String> out = new LinkedHashSet<>();
        routes.forEach((path, methods) -> methods.keySet().forEach(m -> out.add(m + " " + path)));
        return out;
    }

    /**
     * Answers the request with its route.
     *
     * @throws ApiError 401, 404 or 405, or what the route throws
     */
    public ApiResponse dispatch(ApiRequest request) {
        Map<String, Function<ApiRequest, ApiResponse>> methods = routes.get(request.path());
        if (!openPath.equals(request.path())) {
            auth.check(request);
        }
        if (methods == null) {
            throw new ApiError(404, "no such route: " + StrictJson.shorten(request.path())
                    + "; see /openapi.json or /docs");
        }
        Function<ApiRequest, ApiResponse> handler = methods.get(request.method());
        if (handler == null) {
            String allow = String.join(", ", methods.keySet());
            throw new ApiError(405, "method " + StrictJson.shorten(request.method()) + " is not allowed on "
                    + request.path() + "; allowed: " + allow, List.of(), Map.of("Allow", allow));
        }
        return handler.apply(request);
    }
}
