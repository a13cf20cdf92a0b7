/**
 * The built-in server's HTTP/1.1 transport: one event loop ({@code Http1Server}) drives every {@code Connection},
 * parses heads ({@code RequestHead}) and chunked bodies ({@code ChunkedDecoder}) strictly, enforces the time-outs and
 * bounds, and writes answers ({@code ResponseEncoder}); nothing here knows the API.
 *
 * <p>Internal: not part of the public API; anything here may change without notice.
 */
package dev.worklog.rest.internal.http;
