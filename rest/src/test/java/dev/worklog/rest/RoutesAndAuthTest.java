package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesAndAuthTest {
    static final String TOKEN = "s3cret-Token_123";

    @Nested
    class Open {
        @TempDir
        Path dir;
        TestServer s;

        @AfterEach
        void stop() {
            s.close();
        }

        @Test
        void healthIsCheapAndNeedsNothing() {
            s = TestServer.start(dir);
            TestServer.Reply r = s.get("/health");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.json().path("status").asText()).isEqualTo("ok");
            assertThat(r.json().path("timestamp").asText()).isEqualTo("2026-11-26T10:00:00Z");
            assertThat(s.store.saveAttempts()).isZero();
            assertThat(s.llm.calls).isZero();
        }

        @Test
        void headHealthAnswersWithoutABody() {
            s = TestServer.start(dir);
            TestServer.Reply r = s.send("HEAD", "/health", null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
        }

        @Test
        void unknownRoutesAre404AsJson() {
            s = TestServer.start(dir);
            TestServer.Reply r = s.get("/nope");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().path("detail").asText()).contains("/nope");
            assertThat(r.json().path("errors").isArray()).isTrue();
            assertThat(s.get("/health/").status()).isEqualTo(404);
        }

        @Test
        void wrongMethodsAre405WithAllow() {
            s = TestServer.start(dir);
            TestServer.Reply r = s.get("/daily-logs");
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("POST");
            assertThat(s.send("DELETE", "/health", null).header("Allow")).isEqualTo("GET, HEAD");
            assertThat(s.postJson("/health", "{}").status()).isEqualTo(405);
            assertThat(s.send("PUT", "/weekly-summaries", null).header("Allow")).isEqualTo("POST");
        }

        @Test
        void openApiDocumentIsServed() {
            s = TestServer.start(dir);
            TestServer.Reply r = s.get("/openapi.json");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("openapi").asText()).isEqualTo("3.1.0");
            assertThat(r.json().path("paths").has("/daily-logs")).isTrue();
        }

        @Test
        void docsPageIsSelfContainedHtmlListingEveryRoute() {
            s = TestServer.start(dir);
            TestServer.Reply r = s.get("/docs");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(r.header("Content-Security-Policy")).startsWith("default-src 'none'");
            assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("<table>");
            for (String route : s.api.routes()) {
                String[] mp = route.split(" ");
                assertThat(r.body()).contains("<td class=\"m\">" + mp[0] + "</td><td><code>" + mp[1] + "</code>");
            }
            // nothing is loaded from elsewhere: no scripts, no external stylesheets or images
            assertThat(r.body()).doesNotContain("<script", "<link", "src=\"http", "cdn");
        }
    }

    @Nested
    class WithToken {
        @TempDir
        Path dir;
        TestServer s;

        @AfterEach
        void stop() {
            s.close();
        }

        private TestServer.Reply post(String... headers) {
            return s.postJson("/daily-logs", Samples.VALID, headers);
        }

        private void assertRefused(TestServer.Reply r) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(r.json().path("detail").asText()).doesNotContain(TOKEN);
            assertThat(s.store.saveAttempts()).isZero();
        }

        @Test
        void missingHeaderIs401WithChallenge() {
            s = TestServer.builder(dir).token(TOKEN).start();
            TestServer.Reply r = post();
            assertRefused(r);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"worklog\"");
        }

        @Test
        void wrongSchemeIs401() {
            s = TestServer.builder(dir).token(TOKEN).start();
            assertRefused(post("Authorization", "Basic " + TOKEN));
            assertRefused(post("Authorization", "Token " + TOKEN));
            assertRefused(post("Authorization", TOKEN));
        }

        @Test
        void wrongTokenOrAPrefixOrAnExtensionOfItIs401() {
            s = TestServer.builder(dir).token(TOKEN).start();
            TestServer.Reply r = post("Authorization", "Bearer wrong");
            assertRefused(r);
            assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
            assertRefused(post("Authorization", "Bearer " + TOKEN.substring(0, TOKEN.length() - 1)));
            assertRefused(post("Authorization", "Bearer " + TOKEN.substring(0, 1)));
            assertRefused(post("Authorization", "Bearer " + TOKEN + "x"));
            assertRefused(post("Authorization", "Bearer"));
            assertRefused(post("Authorization", "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT)));
        }

        @Test
        void rightTokenIsAcceptedAndTheSchemeIsCaseInsensitive() {
            s = TestServer.builder(dir).token(TOKEN).start();
            assertThat(post("Authorization", "Bearer " + TOKEN).status()).isEqualTo(201);
            // RFC 7235 2.1: the auth scheme is case-insensitive, so "bearer" and "BEARER" work
            assertThat(s.postJson("/daily-logs", Samples.valid("second", "2026-11-23"), "Authorization",
                    "bearer " + TOKEN).status()).isEqualTo(201);
            assertThat(s.postJson("/daily-logs", Samples.valid("third", "2026-11-22"), "Authorization",
                    "BEARER " + TOKEN).status()).isEqualTo(201);
            assertThat(s.store.dailyLogs()).hasSize(3);
        }

        @Test
        void everyRouteButHealthRequiresTheToken() {
            s = TestServer.builder(dir).token(TOKEN).start();
            assertThat(s.get("/health").status()).isEqualTo(200);
            assertRefused(s.get("/openapi.json"));
            assertRefused(s.get("/docs"));
            assertRefused(s.postJson("/weekly-summaries", "{}"));
            assertRefused(s.postJson("/monthly-summaries", "{}"));
            // unknown routes do not reveal themselves to unauthenticated callers
            assertRefused(s.get("/admin"));
            assertThat(s.get("/docs", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
            assertThat(s.get("/admin", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(404);
        }

        @Test
        void theTokenNeverReachesTheExecutionLog() {
            s = TestServer.builder(dir).token(TOKEN).start();
            post("Authorization", "Bearer " + TOKEN);
            post("Authorization", "Bearer " + TOKEN + "-wrong");
            assertThat(s.executionLog()).contains("api_server").doesNotContain(TOKEN);
        }
    }
}
