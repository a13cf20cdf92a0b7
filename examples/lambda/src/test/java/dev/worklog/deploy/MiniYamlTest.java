package dev.worklog.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML subset reader the deployment tests rely on: if it misreads, those tests prove nothing. */
class MiniYamlTest {
    @Test
    void readsNestedMapsListsOfMapsFlowSequencesAndQuotes() {
        Object doc = MiniYaml.parse("""
                # comment
                name: CI   # trailing comment
                on:
                  push:
                    branches: [main, 'release']
                  pull_request:
                jobs:
                  test:
                    matrix:
                      java: ['17', "21"]
                    steps:
                      - uses: actions/checkout@v4
                      - name: Build
                        run: bash .ci/run
                        with:
                          cache: maven
                    empty: {}
                    tag: !If [IsClaude, !Ref Key, !Ref AWS::NoValue]
                    url: "http://x:8000/a#b"
                """);

        Map<String, Object> m = Repo.map(doc);
        assertThat(m.get("name")).isEqualTo("CI");
        assertThat(Repo.map(Repo.map(m.get("on")).get("push")).get("branches")).isEqualTo(List.of("main", "release"));
        assertThat(Repo.map(m.get("on")).get("pull_request")).isEqualTo("");
        Map<String, Object> test = Repo.map(Repo.map(m.get("jobs")).get("test"));
        assertThat(Repo.map(test.get("matrix")).get("java")).isEqualTo(List.of("17", "21"));
        List<Object> steps = Repo.list(test.get("steps"));
        assertThat(steps).hasSize(2);
        assertThat(Repo.map(steps.get(1))).containsEntry("name", "Build").containsEntry("run", "bash .ci/run");
        assertThat(Repo.map(Repo.map(steps.get(1)).get("with"))).containsEntry("cache", "maven");
        assertThat(Repo.map(test.get("empty"))).isEmpty();
        assertThat(test.get("tag")).isEqualTo("!If [IsClaude, !Ref Key, !Ref AWS::NoValue]");
        assertThat(test.get("url")).isEqualTo("http://x:8000/a#b");
    }

    @Test
    void readsBlockScalars() {
        Map<String, Object> m = Repo.map(MiniYaml.parse("""
                run: |
                  echo one
                    indented
                  echo two
                desc: >-
                  folded
                  text
                next: x
                """));

        assertThat(m.get("run")).isEqualTo("echo one\n  indented\necho two\n");
        assertThat(m.get("desc")).isEqualTo("folded text");
        assertThat(m.get("next")).isEqualTo("x");
    }

    @Test
    void rejectsWhatItCannotReadFaithfully() {
        assertThatThrownBy(() -> MiniYaml.parse("a: 1\n   b: 2\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> MiniYaml.parse("a:\n\tb: 2\n")).hasMessageContaining("tab");
        assertThatThrownBy(() -> MiniYaml.parse("a: 'open\n")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> MiniYaml.parse("a: 1\na: 2\n")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> MiniYaml.parse("just text\n")).hasMessageContaining("key: value");
    }
}
