/**
 * {@code worklog doctor}: a checklist of the configuration and of everything it points at (the store's collections,
 * the LLM, the execution log), each failure with its fix. {@link dev.worklog.doctor.Doctor} runs core's checks; the
 * modules contribute their own through {@link dev.worklog.doctor.DoctorExtension} (Notion's schema check, the REST
 * server's token) and word the fixes for their store or provider with {@link dev.worklog.spi.DoctorAdvice}.
 */
package dev.worklog.doctor;
