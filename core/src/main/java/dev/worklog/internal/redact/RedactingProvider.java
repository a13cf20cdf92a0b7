package dev.worklog.internal.redact;

import dev.worklog.config.RedactionMode;
import dev.worklog.internal.llm.LlmHttp;
import dev.worklog.log.ExecutionLog;
import dev.worklog.spi.HealthCheck;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The redaction step, wrapped around every provider that sends prompts off the machine, so that every model call —
 * a roll-up, its repair request, a fallback, and whatever later calls a provider of the {@code WorkLogger} — passes
 * it: the system text and the prompt are redacted before the call, and the reply gets the values back before
 * anything validates, checks or stores it. Each call records in the execution log how many values of each kind it
 * replaced (never the values). Providers that run in this process ({@link LlmProvider#inProcess()}) are not wrapped.
 */
public final class RedactingProvider implements LlmProvider {
    private final LlmProvider delegate;
    private final RedactionRules rules;
    private final ExecutionLog log;

    private RedactingProvider(LlmProvider delegate, RedactionRules rules, ExecutionLog log) {
        this.delegate = delegate;
        this.rules = rules;
        this.log = log;
    }

    /**
     * The chain with every provider that sends prompts off the machine wrapped; providers that run in this process
     * are kept as they are.
     */
    public static List<LlmProvider> wrap(List<LlmProvider> chain, RedactionRules rules, ExecutionLog log) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(log, "log");
        List<LlmProvider> out = new ArrayList<>(chain.size());
        for (LlmProvider p : chain) {
            out.add(p.inProcess() || p instanceof RedactingProvider ? p : new RedactingProvider(p, rules, log));
        }
        return out;
    }

    /**
     * What a call of this provider would send: the request as redacted, the mode, and the values replaced by kind.
     *
     * @param request the request as the pipeline builds it
     */
    public static Outgoing outgoing(LlmProvider provider, LlmRequest request) {
        if (provider instanceof RedactingProvider r) {
            if (r.rules.mode() == RedactionMode.OFF) {
                return new Outgoing(request, RedactionMode.OFF, Map.of(), 0, true);
            }
            Redactor run = r.rules.start(request.system(), request.prompt());
            LlmRequest sent = redacted(request, run);
            return new Outgoing(sent, r.rules.mode(), run.counts(), run.occurrences(), true);
        }
        return new Outgoing(request, RedactionMode.OFF, Map.of(), 0, !provider.inProcess());
    }

    /** The redaction a call of this provider applies: {@link RedactionMode#OFF} for one that is not wrapped. */
    public static RedactionMode mode(LlmProvider provider) {
        return provider instanceof RedactingProvider r ? r.rules.mode() : RedactionMode.OFF;
    }

    /**
     * A request as it leaves the machine.
     *
     * @param request what is sent
     * @param mode the redaction applied
     * @param counts distinct values replaced, by kind in lower case
     * @param places how many places were replaced
     * @param leavesMachine whether the provider sends it over the network at all
     */
    public record Outgoing(LlmRequest request, RedactionMode mode, Map<String, Integer> counts, int places,
            boolean leavesMachine) {
        public Outgoing {
            counts = Map.copyOf(counts);
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String model() {
        return delegate.model();
    }

    @Override
    public HealthCheck checkHealth() {
        return delegate.checkHealth();
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        String who = delegate.name() + " (" + delegate.model() + ")";
        if (rules.mode() == RedactionMode.OFF) {
            log.info(LlmHttp.LOG_COMPONENT, "redaction off (WORKLOG_REDACT=off): the request to " + who
                    + " carries the notes as written");
            return delegate.complete(request);
        }
        Redactor run = rules.start(request.system(), request.prompt());
        LlmRequest sent = redacted(request, run);
        log.info(LlmHttp.LOG_COMPONENT, "redaction " + rules.mode().label() + ": the request to " + who + " carries "
                + run.values() + " placeholders in " + run.occurrences() + " places (" + run.describeCounts()
                + "); the values stay on this machine");
        LlmResponse reply = delegate.complete(sent);
        Redactor.Restored restored = run.restore(reply.text());
        List<String> warnings = new ArrayList<>(reply.warnings());
        for (String token : restored.unknown()) {
            warnings.add("the model wrote " + token + ", which is not a placeholder this run made (it invented or "
                    + "mangled one); it was left as it is, not guessed: check that passage");
        }
        if (!restored.unknown().isEmpty()) {
            log.info(LlmHttp.LOG_COMPONENT, "redaction: restored " + restored.restored() + " placeholders in the reply "
                    + "of " + who + "; left " + restored.unknown().size() + " it did not make as they are: "
                    + String.join(", ", restored.unknown()));
        }
        return new LlmResponse(restored.text(), reply.usage(), reply.model(), warnings);
    }

    private static LlmRequest redacted(LlmRequest request, Redactor run) {
        return new LlmRequest(run.redact(request.system()), run.redact(request.prompt()), request.schemaName(),
                request.responseSchema(), request.maxOutputTokens(), request.input());
    }

    @Override
    public String toString() {
        return "redacting " + delegate + " (" + rules.mode().label() + ")";
    }
}
