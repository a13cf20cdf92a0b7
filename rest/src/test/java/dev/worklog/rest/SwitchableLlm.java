package dev.worklog.rest;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import dev.worklog.spi.NamedServices;
import dev.worklog.spi.SpiContext;
import java.util.function.Supplier;

/** The offline summarizer, with a switch that makes it fail like a vendor would. */
final class SwitchableLlm implements LlmProvider {
    private final LlmProvider offline =
            NamedServices.llmProviders().require("offline").create(SpiContext.of(WorkLogConfig.empty()));
    private volatile Supplier<RuntimeException> failure;
    volatile int calls;

    void failWith(Supplier<RuntimeException> value) {
        failure = value;
    }

    @Override
    public String name() {
        return "switchable";
    }

    @Override
    public String model() {
        return offline.model();
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        calls++;
        Supplier<RuntimeException> f = failure;
        if (f != null) {
            throw f.get();
        }
        return offline.complete(request);
    }
}
