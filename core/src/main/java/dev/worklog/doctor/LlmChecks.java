package dev.worklog.doctor;

import dev.worklog.internal.config.ResolvedConfig;
import dev.worklog.spi.DoctorAdvice;
import dev.worklog.spi.HealthCheck;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.SpiContext;
import dev.worklog.summarize.OfflineSummarizer;
import java.util.List;
import java.util.Optional;

/**
 * The main LLM provider's checks: it is available and configured, and it answers ({@link LlmProvider#checkHealth()},
 * which spends no tokens). Each line is worded with the provider's {@link DoctorAdvice}.
 */
record LlmChecks(ResolvedConfig resolved, Findings findings) {
    void run(List<Check> checks, SpiContext context) {
        String name = resolved.providerName();
        Optional<LlmProviderFactory> found = resolved.providers().find(name);
        DoctorAdvice advice = found.map(LlmProviderFactory::advice).orElse(DoctorAdvice.providerBuilder(name).build());
        LlmProvider provider;
        try {
            LlmProviderFactory factory = resolved.provider();
            List<String> missing = factory.requiredVariables().stream()
                    .filter(v -> !resolved.config().isSet(v)).toList();
            if (!missing.isEmpty()) {
                checks.add(Check.fail(Doctor.LLM, name + ": " + String.join(", ", missing) + " not set",
                        "Set " + String.join(" and ", missing) + " (the " + name + " API key) in the environment or "
                                + "in .env, or choose another provider with LLM_PROVIDER="
                                + String.join("|", resolved.providers().names())));
                return;
            }
            provider = factory.create(context);
            String how = resolved.providerNamed() ? "" : OfflineSummarizer.NAME.equals(name)
                    ? " (LLM_PROVIDER not set and no provider configured: roll-ups are made without a model)"
                    : " (LLM_PROVIDER not set; the configuration selects it)";
            checks.add(Check.ok(Doctor.LLM, name + ", model " + provider.model() + how));
        } catch (RuntimeException e) {
            checks.add(Check.fail(Doctor.LLM, name + ": " + findings.message(e),
                    Remedies.fix(e, advice, Optional.empty())));
            return;
        }
        try {
            HealthCheck health = provider.checkHealth();
            checks.add(health.checked() ? Check.ok(Doctor.LLM_REACHABLE, findings.redact(health.detail()))
                    : Check.warn(Doctor.LLM_REACHABLE, "not checked: " + findings.redact(health.detail()),
                            "Run `worklog weekly --dry-run` to make one real request"));
        } catch (RuntimeException e) {
            checks.add(Check.fail(Doctor.LLM_REACHABLE, findings.message(e), Remedies.fix(e, advice, Optional.empty())));
        }
    }
}
