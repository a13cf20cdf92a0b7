package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.worklog.error.FieldError;
import dev.worklog.error.ValidationException;
import dev.worklog.internal.json.DailyLogCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server reads {@code POST /daily-logs} bodies through core's {@link DailyLogCodec}, as the CLI's {@code --json}
 * does, and adds the validator's errors (it lists shape and value errors together): the same documents accepted, the
 * same fields blamed.
 */
class SharedBodyReaderTest {
    @TempDir
    Path dir;

    private static final List<String> SHAPES = List.of(
            Samples.VALID,
            "{\"title\":\"t\",\"context\":\"c\",\"category\":\"기타\",\"impact_level\":\"Low\",\"tech_stack\":[\"Go\"]}",
            "{\"title\":\"t\",\"context\":\"c\",\"category\":\"기타\",\"impact_level\":\"Low\",\"tech_stack\":[\"Go\"],"
                    + "\"metrics\":null,\"ticket_url\":null,\"status\":null,\"logged_date\":null}",
            Samples.VALID.replace("{", "{\"ticketUrl\":\"x\","),
            Samples.VALID.replace("\"High\"", "5"),
            Samples.VALID.replace("[\"Java\",\"Redis\"]", "\"Java\""),
            Samples.VALID.replace("[\"Java\",\"Redis\"]", "[\"Java\",7]"),
            "{\"title\":{},\"context\":[],\"category\":true,\"impact_level\":1,\"tech_stack\":{}}");

    private static Set<String> sdkFields(String json) {
        try {
            DailyLogCodec.parse(json);
            return Set.of();
        } catch (ValidationException e) {
            Set<String> out = new TreeSet<>();
            e.errors().stream().map(FieldError::field).forEach(out::add);
            return out;
        }
    }

    @Test
    void theServerAndTheSdkReaderAgreeOnShape() {
        try (TestServer s = TestServer.start(dir)) {
            for (String json : SHAPES) {
                Set<String> sdk = sdkFields(json);
                TestServer.Reply r = s.postJson("/daily-logs?dry_run=true", json);
                if (sdk.isEmpty()) {
                    assertThat(r.status()).as(json).isEqualTo(200);
                } else {
                    assertThat(r.status()).as(json).isEqualTo(400);
                    Set<String> server = new TreeSet<>(r.json().path("errors").findValuesAsText("field"));
                    // the server may add value errors (it lists everything at once), never drop a shape error
                    assertThat(server).as(json).containsAll(sdk);
                }
            }
        }
    }
}
