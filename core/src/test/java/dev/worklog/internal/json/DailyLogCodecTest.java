package dev.worklog.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.Json;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.EntryIds;
import dev.worklog.model.ImpactLevel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DailyLogCodecTest {
    @Test
    void readsEverySnakeCaseField() {
        DailyLogDraft draft = DailyLogCodec.parse("{\"title\":\"검색 개선\",\"context\":\"### Result\\n1\","
                + "\"category\":\"성능개선\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\",\"Redis\"],"
                + "\"logged_date\":\"2026-11-24\",\"status\":\"Logged\",\"metrics\":\"p99 -85%\","
                + "\"ticket_url\":\"https://x.example/1\"}");

        assertThat(draft).isEqualTo(new DailyLogDraft("검색 개선", "### Result\n1", "성능개선", "High",
                List.of("Java", "Redis"), "2026-11-24", "Logged", "p99 -85%", "https://x.example/1"));
    }

    @Test
    void nullMeansAbsentAndNullItemsAreKeptForTheValidator() {
        DailyLogDraft draft = DailyLogCodec.parse("{\"title\":null,\"tech_stack\":[\"Java\",null]}");

        assertThat(draft.title()).isNull();
        assertThat(draft.techStack()).containsExactly("Java", null);
    }

    @Test
    void unknownFieldsAndWrongTypesAreAllNamed() {
        assertThatThrownBy(() -> DailyLogCodec.parse("{\"ticketUrl\":\"x\",\"title\":3,\"tech_stack\":\"Java\","
                + "\"status\":[\"Logged\"],\"impact_level\":true}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(fields(e))
                        .containsExactlyInAnyOrder("ticketUrl", "title", "tech_stack", "status", "impact_level"))
                .hasMessageContaining("ticketUrl: is not a known field")
                .hasMessageContaining("title: must be a string, got a number")
                .hasMessageContaining("tech_stack: must be an array of strings, got a string");
    }

    @Test
    void aWrongItemTypeIsNamedByIndex() {
        assertThatThrownBy(() -> DailyLogCodec.parse("{\"tech_stack\":[\"Java\",{}]}"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(fields(e)).containsExactly("tech_stack[1]"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejected() {
        for (String body : Arrays.asList("", "   ", "[1]", "\"x\"", "{\"title\":", "{\"title\":\"a\",\"title\":\"b\"}",
                null)) {
            assertThatThrownBy(() -> DailyLogCodec.parse(body)).as(String.valueOf(body))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(fields(e)).containsExactly("body"));
        }
    }

    private static List<String> fields(ValidationException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void bytesMustBeStrictUtf8HoldingOneObject() {
        byte[] invalid = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xc3, '"', '}'};
        assertThatThrownBy(() -> DailyLogCodec.read(invalid)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsExactly(new FieldError("body", "is not valid UTF-8")));
        assertThatThrownBy(() -> DailyLogCodec.read("{\"title\":\"a\"} x")).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(fields(e)).containsExactly("body"));
        assertThat(DailyLogCodec.read("{\"title\":\"a\"}".getBytes(StandardCharsets.UTF_8)).draft().title())
                .isEqualTo("a");
    }

    @Test
    void aLoneSurrogateEscapeIsNamedByField() {
        assertThatThrownBy(() -> DailyLogCodec.parse("{\"title\":\"a\\ud800\",\"tech_stack\":[\"\\udc00\"]}"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(fields(e)).containsExactly("title", "tech_stack[0]"));
    }

    @Test
    void mergeListsEachErrorOnceInFieldOrder() {
        List<FieldError> shape = List.of(new FieldError("extra", "unknown"), new FieldError("title", "type"),
                new FieldError("tech_stack[1]", "type"));
        List<FieldError> values = List.of(new FieldError("title", "required"), new FieldError("context", "required"),
                new FieldError("tech_stack[2]", "empty"), new FieldError("tech_stack[1]", "empty"),
                new FieldError("impact_level", "unknown level"));

        assertThat(DailyLogCodec.merge(shape, values)).extracting(FieldError::field)
                .containsExactly("title", "context", "impact_level", "tech_stack[1]", "tech_stack[2]", "extra");
        assertThat(DailyLogCodec.merge(shape, values)).filteredOn(e -> e.field().equals("title"))
                .extracting(FieldError::message).containsExactly("type");
    }

    @Test
    void anEntryIsWrittenWithEveryFieldAndReadBackAsTheSameLog() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            DailyLog log = new DailyLog(null, null, text(random, 1), text(random, 0) + "\n### Result\n" + i,
                    text(random, 1), ImpactLevel.values()[random.nextInt(3)], List.of(text(random, 1), "Java" + i),
                    LocalDate.of(2020, 1, 1).plusDays(random.nextInt(3000)), text(random, 1),
                    random.nextBoolean() ? null : text(random, 1), random.nextBoolean() ? null : "https://x.example/" + i,
                    random.nextBoolean() ? null : EntryIds.generate());
            ObjectNode entry = DailyLogCodec.write(log);

            assertThat(names(entry)).containsExactly("title", "context", "category", "impact_level", "tech_stack",
                    "logged_date", "status", "metrics", "ticket_url", "entry_id");
            assertThat(DailyLogCodec.readEntry(Json.MAPPER.readTree(Json.write(entry)))).as(entry.toString())
                    .isEqualTo(log);
        }
    }

    @Test
    void anEntryWithoutItsAbsentFieldsIsReadAndABrokenOneNamesEveryProblem() throws Exception {
        DailyLog log = DailyLogCodec.readEntry(Json.MAPPER.readTree("{\"title\":\"t\",\"context\":\"c\","
                + "\"category\":\"기타\",\"impact_level\":\"Low\",\"tech_stack\":[\"Go\"],\"logged_date\":"
                + "\"2026-11-24\",\"status\":\"Logged\"}"));
        assertThat(log.metrics()).isNull();
        assertThat(log.entryId()).isNull();

        assertThatThrownBy(() -> DailyLogCodec.readEntry(Json.MAPPER.readTree("{\"title\":1,\"id\":\"x\"}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(fields(e)).containsExactlyInAnyOrder(
                        "title", "id", "context", "category", "impact_level", "tech_stack", "logged_date", "status"));
    }

    private static String text(Random random, int minLength) {
        String alphabet = "abc xyz 검색 개선 \"\\/\u00e9\t🙂";
        StringBuilder b = new StringBuilder();
        int length = minLength + random.nextInt(20);
        while (b.length() < length) {
            b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        String t = b.toString().strip();
        return t.isEmpty() && minLength > 0 ? "t" : t;
    }

    private static List<String> names(ObjectNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
