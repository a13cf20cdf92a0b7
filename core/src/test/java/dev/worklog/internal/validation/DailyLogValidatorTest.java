package dev.worklog.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.json.DailyLogCodec;
import dev.worklog.model.DailyLog;
import dev.worklog.model.DailyLogDraft;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.LogOptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DailyLogValidatorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private final DailyLogValidator validator = new DailyLogValidator(LogOptions.defaults());

    private static DailyLogDraft.Builder valid() {
        return DailyLogDraft.builder()
                .title("  검색 API 지연 개선  ")
                .context("### Situation\n느림\n### Result\n800ms → 120ms")
                .category("성능개선")
                .impactLevel("High")
                .techStack(List.of(" Java ", "Redis"))
                .loggedDate("2026-11-20")
                .status("Published")
                .metrics("p99 -85%")
                .ticketUrl("https://jira.example.com/browse/WL-1");
    }

    private List<FieldError> errorsOf(UnaryOperator<DailyLogDraft.Builder> change) {
        try {
            validator.validate(change.apply(valid()).build(), TODAY);
        } catch (ValidationException e) {
            return e.errors();
        }
        throw new AssertionError("expected a validation failure");
    }

    private List<String> fieldsOf(UnaryOperator<DailyLogDraft.Builder> change) {
        return errorsOf(change).stream().map(FieldError::field).toList();
    }

    @Test
    void aDraftWithoutAnEntryIdGetsAFreshOneAndAGivenOneIsKept() {
        DailyLog a = validator.validate(valid().build(), TODAY);
        DailyLog b = validator.validate(valid().build(), TODAY);
        assertThat(dev.worklog.model.EntryIds.isValid(a.entryId())).isTrue();
        assertThat(a.entryId()).isNotEqualTo(b.entryId());
        assertThat(validator.validate(valid().entryId("client-42").build(), TODAY).entryId()).isEqualTo("client-42");
        assertThat(validator.validate(a).entryId()).isEqualTo(a.entryId());
        assertThat(fieldsOf(d -> d.entryId("has space"))).containsExactly("entry_id");
    }

    @Test
    void controlCharactersAreRefusedInOneLineFieldsAndAllowedAsLineBreaksInTheContext() {
        assertThat(errorsOf(d -> d.title("a\tb"))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("title");
            assertThat(e.message()).isEqualTo("must not contain control characters (U+0009 at character 2); it is a "
                    + "single line of text");
        });
        assertThat(fieldsOf(d -> d.title("bell\u0007x"))).containsExactly("title");
        assertThat(fieldsOf(d -> d.title("c1\u0085x"))).containsExactly("title");
        assertThat(fieldsOf(d -> d.title("ls\u2028x"))).containsExactly("title");
        assertThat(fieldsOf(d -> d.title("esc\u001b[31m"))).containsExactly("title");
        assertThat(fieldsOf(d -> d.techStack(List.of("Ja\u0001va")))).containsExactly("tech_stack[0]");
        assertThat(fieldsOf(d -> d.ticketUrl("https://x.example/\u007f"))).containsExactly("ticket_url");
        assertThat(fieldsOf(d -> d.category("성능\u001f개선"))).containsExactly("category");
        assertThat(fieldsOf(d -> d.context("### Situation\n\u0008"))).containsExactly("context");
        assertThat(fieldsOf(d -> d.metrics("a\u000bb"))).containsExactly("metrics");
        DailyLog ok = validator.validate(valid().context("line\r\n\tindented\nend").metrics("p50\tp99\n1\t2")
                .build(), TODAY);
        assertThat(ok.context()).isEqualTo("line\r\n\tindented\nend");
    }

    /**
     * Property: on generated strings, a one-line field is accepted exactly when it has no control character once
     * trimmed.
     */
    @Test
    void aTitleIsAcceptedExactlyWhenItHasNoControlCharacter() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder("t");
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                int pick = random.nextInt(4);
                sb.append(pick == 0 ? (char) random.nextInt(0x20) : pick == 1 ? (char) (0x7f + random.nextInt(0x22))
                        : pick == 2 ? (char) (0x20 + random.nextInt(0x5f)) : (char) (0xac00 + random.nextInt(100)));
            }
            String title = sb.toString();
            // leading and trailing white space (some controls among it) is trimmed, as for every field
            boolean control = title.strip().chars().anyMatch(c -> Character.getType(c) == Character.CONTROL);
            boolean accepted;
            try {
                validator.validate(valid().title(title).build(), TODAY);
                accepted = true;
            } catch (ValidationException e) {
                accepted = false;
            }
            assertThat(accepted).as("title %s", title.chars().mapToObj(c -> String.format("%04x", c)).toList())
                    .isEqualTo(!control);
        }
    }

    @Test
    void anEntryLargerThanTheServersBodyLimitIsRefusedNamingTheLimit() {
        String big = "x".repeat(DailyLogCodec.MAX_BODY_BYTES);
        assertThat(errorsOf(d -> d.context(big))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("context");
            assertThat(e.message()).startsWith("the entry is 104").contains("at most 1048576 bytes (1 MiB)");
        });
        // just under the limit as a body: accepted
        int overhead = (int) DailyLogCodec.bodySize(valid().context("").build()) - 0;
        String fits = "y".repeat(DailyLogCodec.MAX_BODY_BYTES - 400);
        assertThat(validator.validate(valid().context(fits).build(), TODAY).context()).hasSize(fits.length());
        assertThat(overhead).isPositive();
        // escapes count as they are sent: 200,000 tabs are 400,000 bytes of JSON
        assertThat(fieldsOf(d -> d.context("\t".repeat(300_000)).metrics("\t".repeat(300_000))))
                .containsExactly("context");
    }

    @Test
    void aValidDraftIsTrimmedAndKeepsEveryField() {
        DailyLog log = validator.validate(valid().build(), TODAY);

        assertThat(log.id()).isNull();
        assertThat(log.url()).isNull();
        assertThat(log.title()).isEqualTo("검색 API 지연 개선");
        assertThat(log.context()).isEqualTo("### Situation\n느림\n### Result\n800ms → 120ms");
        assertThat(log.category()).isEqualTo("성능개선");
        assertThat(log.impactLevel()).isEqualTo(ImpactLevel.HIGH);
        assertThat(log.techStack()).containsExactly("Java", "Redis");
        assertThat(log.loggedDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(log.status()).isEqualTo("Published");
        assertThat(log.metrics()).isEqualTo("p99 -85%");
        assertThat(log.ticketUrl()).isEqualTo("https://jira.example.com/browse/WL-1");
    }

    @Test
    void optionalFieldsDefault() {
        DailyLog log = validator.validate(valid().loggedDate(null).status(" ").metrics("  ").ticketUrl(null).build(),
                TODAY);

        assertThat(log.loggedDate()).isEqualTo(TODAY);
        assertThat(log.status()).isEqualTo("Logged");
        assertThat(log.metrics()).isNull();
        assertThat(log.ticketUrl()).isNull();
    }

    @Test
    void reportsEveryErrorAtOnce() {
        List<FieldError> errors = errorsOf(b -> b.title(" ").loggedDate("2026/11/24").impactLevel("Critical")
                .ticketUrl("javascript:alert(1)"));

        assertThat(errors).extracting(FieldError::field)
                .containsExactly("title", "impact_level", "logged_date", "ticket_url");
        assertThatThrownBy(() -> validator.validate(valid().title("").impactLevel("x").build(), TODAY))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("invalid input (2 errors): title: ");
    }

    @Test
    void titleIsRequired() {
        assertThat(fieldsOf(b -> b.title(null))).containsExactly("title");
        assertThat(fieldsOf(b -> b.title(" \t "))).containsExactly("title");
    }

    @Test
    void titleIsOneLineAndBounded() {
        assertThat(errorsOf(b -> b.title("one\ntwo"))).extracting(FieldError::message).containsExactly("must be one line");
        assertThat(errorsOf(b -> b.title("a".repeat(2001)))).extracting(FieldError::message)
                .containsExactly("must be at most 2000 characters");
        // the limit counts characters, not UTF-16 units: 2000 emoji are fine
        assertThat(validator.validate(valid().title("😀".repeat(2000)).build(), TODAY).title()).hasSize(4000);
    }

    @Test
    void nulCharactersAreRejected() {
        assertThat(fieldsOf(b -> b.title("a\0b"))).containsExactly("title");
        assertThat(fieldsOf(b -> b.context("a\0b"))).containsExactly("context");
        assertThat(fieldsOf(b -> b.metrics("a\0b"))).containsExactly("metrics");
        assertThat(fieldsOf(b -> b.techStack(List.of("a\0b")))).containsExactly("tech_stack[0]");
    }

    @Test
    void contextIsRequired() {
        assertThat(fieldsOf(b -> b.context(null))).containsExactly("context");
        assertThat(fieldsOf(b -> b.context("\n\n"))).containsExactly("context");
    }

    @Test
    void categoryIsRequiredAndFromTheOptions() {
        assertThat(errorsOf(b -> b.category(null))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is required").contains("신규기능"));
        assertThat(errorsOf(b -> b.category("잡일"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'잡일' is not allowed"));
        assertThat(errorsOf(b -> b.category("성능개선,버그픽스"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("comma"));
    }

    @Test
    void optionsMatchIgnoringCaseAndComeBackInTheirConfiguredSpelling() {
        DailyLog log = validator.validate(valid().status("in review").impactLevel("medium").build(), TODAY);
        assertThat(log.status()).isEqualTo("In Review");
        assertThat(log.impactLevel()).isEqualTo(ImpactLevel.MEDIUM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Critical", "H", "높음"})
    void impactLevelIsHighMediumOrLow(String value) {
        assertThat(errorsOf(b -> b.impactLevel(value))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("impact_level");
            assertThat(e.message()).contains(value).contains("High, Medium, Low");
        });
    }

    @Test
    void impactLevelIsRequired() {
        assertThat(errorsOf(b -> b.impactLevel(""))).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("is required"));
    }

    @Test
    void statusIsFromTheOptions() {
        assertThat(fieldsOf(b -> b.status("Done"))).containsExactly("status");
        assertThat(errorsOf(b -> b.status("Logged, Published"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("comma"));
    }

    @Test
    void techStackIsRequired() {
        assertThat(fieldsOf(b -> b.techStack(null))).containsExactly("tech_stack");
        assertThat(fieldsOf(b -> b.techStack(List.of()))).containsExactly("tech_stack");
    }

    @Test
    void techStackItemsAreNamedByIndex() {
        List<FieldError> errors = errorsOf(b -> b.techStack(Arrays.asList("Java", "", null, "Spring, Boot",
                "x".repeat(101))));

        assertThat(errors).extracting(FieldError::field)
                .containsExactly("tech_stack[1]", "tech_stack[2]", "tech_stack[3]", "tech_stack[4]");
        assertThat(errors.get(0).message()).isEqualTo("must not be empty");
        assertThat(errors.get(2).message()).contains("comma");
        assertThat(errors.get(3).message()).contains("at most 100 characters");
    }

    @Test
    void techStackHasAtMostOneHundredItems() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("t" + i);
        }
        assertThat(fieldsOf(b -> b.techStack(many))).containsExactly("tech_stack");
        assertThat(validator.validate(valid().techStack(many.subList(0, 100)).build(), TODAY).techStack()).hasSize(100);
    }

    @Test
    void techStackDuplicatesAreDroppedIgnoringCase() {
        assertThat(validator.validate(valid().techStack(List.of("Java", "java ", "Kotlin", "JAVA")).build(), TODAY)
                .techStack()).containsExactly("Java", "Kotlin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026/11/24", "24-11-2026", "2026-1-5", "yesterday", "2026-11-24T10:00"})
    void loggedDateIsYyyyMmDd(String value) {
        assertThat(errorsOf(b -> b.loggedDate(value))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("logged_date");
            assertThat(e.message()).contains("YYYY-MM-DD");
        });
    }

    @Test
    void loggedDateMustExist() {
        assertThat(errorsOf(b -> b.loggedDate("2026-02-30"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("not a real calendar date"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://example.com/x", "file:///etc/passwd", "https://", "mailto:a@b.c",
            "not a url", "http://exa mple.com"})
    void ticketUrlIsHttpWithAHost(String value) {
        assertThat(fieldsOf(b -> b.ticketUrl(value))).containsExactly("ticket_url");
    }

    @Test
    void ticketUrlIsAtMostTwoThousandCharacters() {
        String base = "https://example.com/";
        assertThat(validator.validate(valid().ticketUrl(base + "a".repeat(2000 - base.length())).build(), TODAY)
                .ticketUrl()).hasSize(2000);
        assertThat(errorsOf(b -> b.ticketUrl(base + "a".repeat(2001 - base.length())))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("at most 2000"));
        assertThat(validator.validate(valid().ticketUrl("HTTP://Example.com/x").build(), TODAY).ticketUrl())
                .isEqualTo("HTTP://Example.com/x");
    }

    @Test
    void longBadInputIsShortenedInTheMessage() {
        String huge = "x".repeat(5000);
        assertThat(errorsOf(b -> b.category(huge)).get(0).message()).hasSizeLessThan(300).contains("...");
    }

    @Test
    void configuredOptionsReplaceTheDefaults() {
        DailyLogValidator custom = new DailyLogValidator(new LogOptions(List.of("Feature", "Bug"), List.of("Draft", "Done")));

        DailyLog log = custom.validate(valid().category("bug").status(null).build(), TODAY);

        assertThat(log.category()).isEqualTo("Bug");
        assertThat(log.status()).isEqualTo("Draft");
        assertThatThrownBy(() -> custom.validate(valid().build(), TODAY)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("category").hasMessageContaining("status");
    }

    @Test
    void revalidatingAStoredLogKeepsItsIdAndUrl() {
        DailyLog stored = validator.validate(valid().build(), TODAY).withStored("id-1", "file:///x.md");

        assertThat(validator.validate(stored)).isEqualTo(stored);
    }

    @Test
    void draftKeepsNullItemsSoTheyCanBeNamed() {
        DailyLogDraft draft = valid().techStack(Collections.singletonList(null)).build();
        assertThat(draft.techStack()).containsExactly((String) null);
    }
}
