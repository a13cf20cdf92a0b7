package dev.worklog.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.model.DailyLogDraft;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyLogJsonTest {
    @Test
    void readsEverySnakeCaseField() {
        DailyLogDraft draft = DailyLogJson.parse("{\"title\":\"검색 개선\",\"context\":\"### Result\\n1\","
                + "\"category\":\"성능개선\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\",\"Redis\"],"
                + "\"logged_date\":\"2026-11-24\",\"status\":\"Logged\",\"metrics\":\"p99 -85%\","
                + "\"ticket_url\":\"https://x.example/1\"}");

        assertThat(draft).isEqualTo(new DailyLogDraft("검색 개선", "### Result\n1", "성능개선", "High",
                List.of("Java", "Redis"), "2026-11-24", "Logged", "p99 -85%", "https://x.example/1"));
    }

    @Test
    void nullMeansAbsentAndNullItemsAreKeptForTheValidator() {
        DailyLogDraft draft = DailyLogJson.parse("{\"title\":null,\"tech_stack\":[\"Java\",null]}");

        assertThat(draft.title()).isNull();
        assertThat(draft.techStack()).containsExactly("Java", null);
    }

    @Test
    void unknownFieldsAndWrongTypesAreAllNamed() {
        assertThatThrownBy(() -> DailyLogJson.parse("{\"ticketUrl\":\"x\",\"title\":3,\"tech_stack\":\"Java\","
                + "\"status\":[\"Logged\"],\"impact_level\":true}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(fields(e))
                        .containsExactlyInAnyOrder("ticketUrl", "title", "tech_stack", "status", "impact_level"))
                .hasMessageContaining("ticketUrl: is not a known field")
                .hasMessageContaining("title: must be a string, got a number")
                .hasMessageContaining("tech_stack: must be an array of strings, got a string");
    }

    @Test
    void aWrongItemTypeIsNamedByIndex() {
        assertThatThrownBy(() -> DailyLogJson.parse("{\"tech_stack\":[\"Java\",{}]}"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(fields(e)).containsExactly("tech_stack[1]"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejected() {
        for (String body : Arrays.asList("", "   ", "[1]", "\"x\"", "{\"title\":", "{\"title\":\"a\",\"title\":\"b\"}",
                null)) {
            assertThatThrownBy(() -> DailyLogJson.parse(body)).as(String.valueOf(body))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(fields(e)).containsExactly("body"));
        }
    }

    private static List<String> fields(ValidationException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }
}
