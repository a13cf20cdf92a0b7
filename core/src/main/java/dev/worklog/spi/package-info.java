/**
 * Extension points: {@link dev.worklog.spi.LlmProvider} (a model) and {@link dev.worklog.spi.WorkLogRepository}
 * (a store), each created by a named factory that {@link dev.worklog.spi.NamedServices} finds with
 * {@link java.util.ServiceLoader} or takes by explicit registration.
 */
package dev.worklog.spi;
