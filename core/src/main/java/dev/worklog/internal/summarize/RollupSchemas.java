package dev.worklog.internal.summarize;

/**
 * The JSON Schemas the model's reply must match. Kept to the subset every vendor's structured-output mode accepts
 * (no {@code $ref}, no length bounds); counts and source ids are checked by {@link RollupParser}.
 */
final class RollupSchemas {
    static final String WEEKLY_NAME = "weekly_rollup";
    static final String MONTHLY_NAME = "monthly_rollup";

    private static final String ACHIEVEMENT = "{\"type\":\"object\",\"additionalProperties\":false,"
            + "\"required\":[\"title\",\"situation\",\"task\",\"action\",\"result\",\"tech_stack\",\"metrics\",\"source_ids\"],"
            + "\"properties\":{"
            + "\"title\":{\"type\":\"string\",\"description\":\"one-line resume headline\"},"
            + "\"situation\":{\"type\":\"string\"},"
            + "\"task\":{\"type\":\"string\"},"
            + "\"action\":{\"type\":\"string\"},"
            + "\"result\":{\"type\":\"string\",\"description\":\"measurable outcome, numbers only from the sources\"},"
            + "\"tech_stack\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"metrics\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"source_ids\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
            + "\"description\":\"ids of the sources this achievement is drawn from\"}}}";

    static final String WEEKLY = "{\"type\":\"object\",\"additionalProperties\":false,"
            + "\"required\":[\"achievements\",\"key_highlights\"],\"properties\":{"
            + "\"achievements\":{\"type\":\"array\",\"description\":\"at most 5\",\"items\":" + ACHIEVEMENT + "},"
            + "\"key_highlights\":{\"type\":\"array\",\"description\":\"exactly 3 one-line highlights\","
            + "\"items\":{\"type\":\"string\"}}}}";

    static final String MONTHLY = "{\"type\":\"object\",\"additionalProperties\":false,"
            + "\"required\":[\"achievements\",\"career_brief\"],\"properties\":{"
            + "\"achievements\":{\"type\":\"array\",\"description\":\"2 to 4\",\"items\":" + ACHIEVEMENT + "},"
            + "\"career_brief\":{\"type\":\"array\",\"description\":\"3 to 5 one-sentence bullets\","
            + "\"items\":{\"type\":\"string\"}}}}";

    private RollupSchemas() {
    }
}
