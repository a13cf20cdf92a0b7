/**
 * {@code worklog doctor}: a checklist of the configuration and of everything it points at (the store's databases,
 * the LLM, the execution log), each failure with its fix. {@link dev.worklog.doctor.Doctor} runs the checks;
 * {@link dev.worklog.doctor.DoctorExtension} lets a store module add its own (Notion's schema check).
 */
package dev.worklog.doctor;
