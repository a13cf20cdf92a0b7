package dev.worklog.testing;

import dev.worklog.model.TokenUsage;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** An LLM that answers from a script and records every request, for pipeline tests. */
public final class ScriptedProvider implements LlmProvider {
    private final String name;
    private final Deque<Function<LlmRequest, LlmResponse>> script = new ArrayDeque<>();
    /** Every request received, in order. */
    public final List<LlmRequest> requests = new ArrayList<>();

    public ScriptedProvider(String name) {
        this.name = name;
    }

    /** Queues a reply text with the given usage. */
    public ScriptedProvider reply(String text, long in, long out) {
        script.add(r -> new LlmResponse(text, new TokenUsage(in, out), name + "-model-v1"));
        return this;
    }

    /** Queues a reply computed from the request (e.g. citing the ids it contains). */
    public ScriptedProvider reply(Function<LlmRequest, String> text) {
        script.add(r -> new LlmResponse(text.apply(r), new TokenUsage(10, 5), name + "-model-v1"));
        return this;
    }

    /** Queues a failure. */
    public ScriptedProvider fail(RuntimeException e) {
        script.add(r -> {
            throw e;
        });
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String model() {
        return name + "-model";
    }

    @Override
    public synchronized LlmResponse complete(LlmRequest request) {
        requests.add(request);
        if (script.isEmpty()) {
            throw new AssertionError(name + " was called more often than scripted: call " + requests.size());
        }
        return script.poll().apply(request);
    }
}
