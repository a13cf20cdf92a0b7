package dev.worklog.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StarSectionsTest {
    private static final String FULL = "intro line\n\n### Situation\n검색이 느렸다.\n\n### Task\np99를 줄인다.\n\n"
            + "### Action\n- Redis 도입\n  - nested item\n1. 인덱스 추가\n\n#### Details\nkept in action\n\n"
            + "### Result\np99 800ms → 120ms\n";

    @Test
    void parsesTheFourSectionsWithEveryListItem() {
        StarSections star = StarSections.parse(FULL);

        assertThat(star.preamble()).isEqualTo("intro line");
        assertThat(star.situation()).isEqualTo("검색이 느렸다.");
        assertThat(star.task()).isEqualTo("p99를 줄인다.");
        assertThat(star.action()).isEqualTo("- Redis 도입\n  - nested item\n1. 인덱스 추가\n\n#### Details\nkept in action");
        assertThat(star.result()).isEqualTo("p99 800ms → 120ms");
        assertThat(star.isComplete()).isTrue();
        assertThat(star.warnings()).isEmpty();
        assertThat(star.section("ACTION")).contains(star.action());
        assertThat(star.section("other")).isEmpty();
    }

    @Test
    void acceptsKoreanHeadingsAnyLevelAndDecoration() {
        StarSections star = StarSections.parse("## 상황 (Situation)\nA\n# **과제**\nB\n###### 행동:\nC\n### 결과 ##\n3건 해결");

        assertThat(List.of(star.situation(), star.task(), star.action(), star.result()))
                .containsExactly("A", "B", "C", "3건 해결");
        assertThat(star.warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"### situation", "### SITUATION", "###   Situation:  ", "   ### Situation", "### *Situation*"})
    void headingSpellingsAreRecognised(String heading) {
        assertThat(StarSections.parse(heading + "\ntext").situation()).isEqualTo("text");
    }

    @Test
    void aHeadingIndentedFourSpacesIsCodeNotAHeading() {
        StarSections star = StarSections.parse("    ### Situation\ntext");
        assertThat(star.situation()).isEmpty();
        assertThat(star.preamble()).contains("### Situation");
    }

    @Test
    void eachMissingSectionWarnsAndNothingRejects() {
        StarSections star = StarSections.parse("### Situation\nonly this");

        assertThat(star.isComplete()).isFalse();
        assertThat(star.warnings()).containsExactly(
                "STAR: the '### Task' section is missing or empty",
                "STAR: the '### Action' section is missing or empty",
                "STAR: the '### Result' section is missing or empty");
    }

    @Test
    void anEmptySectionCountsAsMissing() {
        assertThat(StarSections.parse("### Situation\na\n### Task\n\n### Action\nb\n### Result\n1").warnings())
                .containsExactly("STAR: the '### Task' section is missing or empty");
    }

    @Test
    void aResultWithoutANumberWarns() {
        StarSections star = StarSections.parse(FULL.replace("p99 800ms → 120ms", "많이 빨라졌다"));

        assertThat(star.warnings()).singleElement().asString().contains("Result section has no number");
    }

    @Test
    void aResultWithANumberDoesNotWarn() {
        assertThat(StarSections.parse(FULL.replace("p99 800ms → 120ms", "오류 3건 감소")).warnings()).isEmpty();
    }

    @Test
    void noStructureAtAllGivesFourWarningsNotAnError() {
        assertThat(StarSections.parse("just some text").warnings()).hasSize(4);
        assertThat(StarSections.parse(null).warnings()).hasSize(4);
        assertThat(StarSections.parse("").preamble()).isEmpty();
    }

    @Test
    void crlfTextIsParsed() {
        StarSections star = StarSections.parse("### Situation\r\nA\r\n### Result\r\n50%\r\n");
        assertThat(star.situation()).isEqualTo("A");
        assertThat(star.result()).isEqualTo("50%");
    }
}
