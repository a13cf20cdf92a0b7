/**
 * Configuration from the environment and {@code .env}: {@link dev.worklog.config.WorkLogConfig} and the variable
 * names in {@link dev.worklog.config.ConfigKeys}.
 */
package dev.worklog.config;
