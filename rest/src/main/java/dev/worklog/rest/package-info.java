/**
 * The worklog REST API as a library: {@link dev.worklog.rest.WorkLogApi} answers an
 * {@link dev.worklog.rest.ApiRequest} with an {@link dev.worklog.rest.ApiResponse} and knows no HTTP server, so it
 * can be mounted in any one (a servlet, Spring, Javalin, Micronaut, an AWS Lambda handler) in a few lines;
 * {@link dev.worklog.rest.ApiServer} is a small built-in HTTP/1.1 server for it, with no dependency.
 *
 * <pre>{@code
 * WorkLogApi api = WorkLogApi.builder().config(WorkLogConfig.fromEnvironment()).build().start();
 * ApiServer server = ApiServer.start(api, ServerOptions.builder().port(8000).build());
 * }</pre>
 *
 * <p>The routes, bodies and answers are described by the OpenAPI document the API serves at
 * {@code GET /openapi.json}; the variables it reads are in {@link dev.worklog.rest.RestConfigKeys}.
 */
package dev.worklog.rest;
