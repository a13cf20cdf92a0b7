package dev.worklog.internal.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.worklog.internal.Json;
import dev.worklog.internal.summarize.RollupGenerator;
import dev.worklog.internal.summarize.RollupParser;
import dev.worklog.model.Achievement;
import dev.worklog.review.ReviewPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a model's review reply: a narrative and up to ten achievements, each with a theme and citing only the ids
 * the prompt gave. Every problem is listed, so that one repair request can ask for all fixes at once.
 */
final class ReviewParser {
    /**
     * An achievement of the reply and the theme it goes under.
     *
     * @param theme the theme
     * @param achievement the STAR text; its source ids are still the prompt's short ids until translated
     */
    record Item(String theme, Achievement achievement) {
    }

    /**
     * The reply, read.
     *
     * @param narrative the narrative
     * @param items the achievements in the model's order
     */
    record Draft(String narrative, List<Item> items) {
        Draft {
            items = List.copyOf(items);
        }
    }

    private ReviewParser() {
    }

    /**
     * Reads a reply.
     *
     * @param allowedIds the short ids the achievements may cite
     * @param minAchievements 1 when there is anything to cite, else 0
     */
    static RollupGenerator.Reply<Draft> parse(String reply, Set<String> allowedIds, int minAchievements) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(RollupParser.extractJson(reply));
        } catch (JsonProcessingException | RuntimeException e) {
            problems.add("the reply is not valid JSON");
            return new RollupGenerator.Reply<>(null, problems);
        }
        if (root == null || !root.isObject()) {
            problems.add("the reply must be one JSON object with \"narrative\" and \"achievements\"");
            return new RollupGenerator.Reply<>(null, problems);
        }
        JsonNode narrative = root.get("narrative");
        if (narrative == null || !narrative.isTextual() || narrative.asText().isBlank()) {
            problems.add("\"narrative\" must be a non-empty string");
        }
        List<Item> items = new ArrayList<>();
        JsonNode array = root.path("achievements");
        if (!array.isArray()) {
            problems.add("\"achievements\" must be an array");
        } else {
            if (array.size() < minAchievements || array.size() > ReviewPacket.MAX_ACHIEVEMENTS) {
                problems.add("\"achievements\" must have " + minAchievements + " to " + ReviewPacket.MAX_ACHIEVEMENTS
                        + " items, got " + array.size());
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode node = array.get(i);
                JsonNode theme = node.path("theme");
                if (!theme.isTextual() || theme.asText().isBlank()) {
                    problems.add("achievements[" + i + "].theme must be a non-empty string");
                }
                Achievement a = RollupParser.achievement(node, i, allowedIds, problems);
                if (a != null && theme.isTextual() && !theme.asText().isBlank()) {
                    items.add(new Item(theme.asText().strip(), a));
                }
            }
        }
        Draft draft = problems.isEmpty() ? new Draft(narrative.asText().strip(), items) : null;
        return new RollupGenerator.Reply<>(draft, problems);
    }
}
