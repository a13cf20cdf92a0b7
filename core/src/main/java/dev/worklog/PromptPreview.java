package dev.worklog;

import dev.worklog.config.RedactionMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a roll-up would send to the model, exactly, without sending it: the system text and the prompt after
 * redaction ({@code WORKLOG_REDACT}), and how many values of each kind were replaced. Nothing is sent and nothing
 * is stored to make it. {@code worklog weekly --dry-run --show-prompt} prints it; the REST API returns it for
 * {@code show_prompt}.
 *
 * <pre>{@code
 * PromptPreview p = logger.previewWeek(Period.parseIsoWeek("2026-W47"), SummarizeOptions.defaults());
 * System.out.println(p.redacted());   // {email=2, ip=1, ticket=3}
 * System.out.println(p.prompt());     // the user message as the model would read it
 * }</pre>
 *
 * @param what the run, e.g. {@code weekly roll-up 2026-W47 (2026-11-16..2026-11-22)}
 * @param sources how many daily logs (weekly) or weekly roll-ups (monthly) the prompt holds; 0 when there is nothing
 *     to summarise, and then nothing would be sent
 * @param provider the main provider's name
 * @param model its model
 * @param leavesMachine whether the provider sends the prompt over the network ({@code false} for the offline
 *     summarizer, which runs in this process)
 * @param redaction the redaction applied ({@link RedactionMode#OFF} when nothing leaves the machine)
 * @param redacted distinct values replaced, by kind in lower case ({@code email}, {@code ip}, {@code url},
 *     {@code host}, {@code ticket}, {@code secret}, {@code term} or the term list's labels)
 * @param placeholders how many places were replaced
 * @param system the system text as it would be sent; empty when there is nothing to summarise
 * @param prompt the user message as it would be sent; empty when there is nothing to summarise
 * @param schemaName the name of the output schema the provider asks for
 * @param notes what else a run would do (keep an unchanged roll-up without calling the model, nothing to summarise)
 */
public record PromptPreview(String what, int sources, String provider, String model, boolean leavesMachine,
        RedactionMode redaction, Map<String, Integer> redacted, int placeholders, String system, String prompt,
        String schemaName, List<String> notes) {
    public PromptPreview {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(redaction, "redaction");
        redacted = Map.copyOf(redacted);
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(schemaName, "schemaName");
        notes = List.copyOf(notes);
    }
}
