package dev.worklog.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.PromptPreview;
import dev.worklog.internal.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to a summary request with {@code show_prompt}: exactly what the run would send to the model, after
 * redaction, and what was replaced; nothing was sent or stored.
 */
final class PromptPreviewJson {
    private PromptPreviewJson() {
    }

    /** The {@code PromptPreview} schema of {@code openapi.json}. */
    static ObjectNode of(PromptPreview p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", "prompt_preview");
        n.put("what", p.what());
        n.put("sources", p.sources());
        n.put("provider", p.provider());
        n.put("model", p.model());
        n.put("sent", false);
        n.put("leaves_machine", p.leavesMachine());
        ObjectNode redaction = n.putObject("redaction");
        redaction.put("mode", p.redaction().label());
        redaction.put("places", p.placeholders());
        ObjectNode values = redaction.putObject("values");
        for (Map.Entry<String, Integer> e : new TreeMap<>(p.redacted()).entrySet()) {
            values.put(e.getKey(), e.getValue());
        }
        ObjectNode request = n.putObject("request");
        request.put("system", p.system());
        request.put("prompt", p.prompt());
        request.put("schema_name", p.schemaName());
        SummaryJson.strings(n.putArray("notes"), p.notes());
        return n;
    }
}
