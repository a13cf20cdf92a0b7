package dev.worklog.internal.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.model.Achievement;

/**
 * An achievement's STAR fields in the snake_case shape the REST answers and the review exports share, so that a
 * field renamed in one place cannot drift from the other. Each caller adds how it cites the sources.
 */
public final class AchievementJson {
    private AchievementJson() {
    }

    /**
     * Writes {@code title}, {@code situation}, {@code task}, {@code action}, {@code result}, {@code tech_stack} and
     * {@code metrics} into {@code o}.
     *
     * @return {@code o}, for the caller's own fields
     */
    public static ObjectNode star(ObjectNode o, Achievement a) {
        o.put("title", a.title());
        o.put("situation", a.situation());
        o.put("task", a.task());
        o.put("action", a.action());
        o.put("result", a.result());
        ArrayNode tech = o.putArray("tech_stack");
        a.techStack().forEach(tech::add);
        ArrayNode metrics = o.putArray("metrics");
        a.metrics().forEach(metrics::add);
        return o;
    }
}
