/**
 * The server benchmark ({@code examples/server/bench/server.sh}) and the pieces it needs: a zero-latency in-memory
 * store selectable as {@code WORKLOG_STORE=memory}, and a hello-world program to compare JVM start-up against.
 */
package dev.worklog.server.bench;
