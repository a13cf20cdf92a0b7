/**
 * Extension points: {@link dev.worklog.spi.LlmProvider} (a model) and {@link dev.worklog.spi.WorkLogRepository}
 * (a store), each created by a named factory that {@link dev.worklog.spi.NamedServices} finds with
 * {@link java.util.ServiceLoader} or takes by explicit registration. A factory also says whether the configuration
 * selects it when none is named, which variables it reads, and how {@code worklog doctor} words its fixes
 * ({@link dev.worklog.spi.DoctorAdvice}).
 */
package dev.worklog.spi;
