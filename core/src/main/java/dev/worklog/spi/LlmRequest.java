package dev.worklog.spi;

import java.util.Objects;

/**
 * One structured-output call to a model. The pipeline in core builds it once for every provider; a provider only
 * translates it to its vendor's wire format.
 *
 * @param system the system instructions
 * @param prompt the user message: the sources and what to produce
 * @param schemaName a short name for the output schema ({@code weekly_rollup}, {@code monthly_rollup})
 * @param responseSchema the JSON Schema (draft 2020-12 subset: object, array, string, required,
 *     additionalProperties false) the reply must match, as JSON text
 * @param maxOutputTokens the most tokens the reply may use
 * @param input the typed sources behind the prompt, as written: only for providers that run in this process
 *     ({@link LlmProvider#inProcess()}); the others send {@code system} and {@code prompt}, which core has redacted
 */
public record LlmRequest(String system, String prompt, String schemaName, String responseSchema, int maxOutputTokens,
        SummaryInput input) {
    public LlmRequest {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(schemaName, "schemaName");
        Objects.requireNonNull(responseSchema, "responseSchema");
        Objects.requireNonNull(input, "input");
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
    }

    /** The same request with another user message, used for the one repair attempt. */
    public LlmRequest withPrompt(String newPrompt) {
        return new LlmRequest(system, newPrompt, schemaName, responseSchema, maxOutputTokens, input);
    }
}
