package dev.worklog.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
    private static final String STRICT = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"a\",\"b\"],"
            + "\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
            + "\"additionalProperties\":false,\"required\":[\"c\"],\"properties\":{\"c\":{\"type\":[\"string\",\"null\"]}}}}}}";

    @Test
    void a_schema_with_everything_required_and_closed_is_strict_compatible() {
        assertThat(JsonSchemas.isStrictCompatible(JsonSchemas.parse(STRICT))).isTrue();
    }

    @Test
    void an_optional_property_or_an_open_object_anywhere_is_not() {
        assertThat(JsonSchemas.isStrictCompatible(JsonSchemas.parse(STRICT.replace("\"required\":[\"c\"]",
                "\"required\":[]")))).isFalse();
        assertThat(JsonSchemas.isStrictCompatible(JsonSchemas.parse(STRICT.replaceFirst(
                "\"additionalProperties\":false", "\"additionalProperties\":true")))).isFalse();
        assertThat(JsonSchemas.isStrictCompatible(JsonSchemas.parse("{\"type\":\"object\",\"properties\":{}}")))
                .isFalse();
    }

    @Test
    void the_openapi_subset_drops_unsupported_keywords_and_keeps_property_order() {
        JsonNode out = JsonSchemas.toOpenApiSubset(JsonSchemas.parse(
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"," + STRICT.substring(1)));

        assertThat(out.toString()).doesNotContain("additionalProperties").doesNotContain("$schema");
        assertThat(out.path("propertyOrdering").toString()).isEqualTo("[\"a\",\"b\"]");
        JsonNode c = out.path("properties").path("b").path("items").path("properties").path("c");
        assertThat(c.path("type").asText()).isEqualTo("string");
        assertThat(c.path("nullable").asBoolean()).isTrue();
    }

    @Test
    void names_are_made_safe_for_the_vendors() {
        assertThat(JsonSchemas.safeName("weekly rollup/v2")).isEqualTo("weekly_rollup_v2");
        assertThat(JsonSchemas.safeName("")).isEqualTo("response");
        assertThat(JsonSchemas.safeName("x".repeat(80))).hasSize(64);
    }

    @Test
    void the_prompt_instruction_carries_the_schema() {
        assertThat(JsonSchemas.promptInstruction("weekly_rollup", STRICT)).contains("JSON Schema")
                .contains("weekly_rollup").contains("\"additionalProperties\":false");
    }

    @Test
    void a_schema_that_is_not_an_object_is_a_programming_error() {
        assertThatThrownBy(() -> JsonSchemas.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
    }
}
