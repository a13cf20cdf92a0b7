package dev.worklog.internal.summarize;

import dev.worklog.internal.Hashes;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.WeeklyRollup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 over everything that shapes a roll-up: the sources' full content, the provider, the model, the prompt
 * version and the language. Equal fingerprints mean a rerun would ask the same question, so it is skipped.
 *
 * <p>A fingerprint is written {@code <settings>-<everything>}: the first part covers only the kind, provider, model,
 * prompt version and language, so that a store which can tell its sources are unchanged without reading them
 * ({@link dev.worklog.model.EditStamp}) can still tell whether the question would be the same.
 */
final class Fingerprints {
    private Fingerprints() {
    }

    static String weekly(List<DailyLog> logs, String provider, String model, String language) {
        Digest d = new Digest().add("weekly").add(provider).add(model).add(PromptBuilder.PROMPT_VERSION).add(language);
        logs.stream().sorted(Comparator.comparing(DailyLog::id)).forEach(log -> d.add(log.id()).add(log.title())
                .add(log.context()).add(log.category()).add(log.impactLevel().label())
                .add(String.join("\u001f", log.techStack())).add(log.loggedDate().toString()).add(log.status())
                .add(log.metrics()).add(log.ticketUrl()));
        return settings("weekly", provider, model, language) + "-" + d.hex();
    }

    static String monthly(List<WeeklyRollup> weeks, MonthlyStats stats, String provider, String model,
            String language) {
        Digest d = new Digest().add("monthly").add(provider).add(model).add(PromptBuilder.PROMPT_VERSION).add(language)
                .add(stats.describe());
        weeks.stream().sorted(Comparator.comparing(WeeklyRollup::id)).forEach(w -> {
            d.add(w.id()).add(w.period().toString()).add(String.join("\u001f", w.keyHighlights()));
            for (Achievement a : w.achievements()) {
                d.add(a.title()).add(a.situation()).add(a.task()).add(a.action()).add(a.result())
                        .add(String.join("\u001f", a.techStack())).add(String.join("\u001f", a.metrics()))
                        .add(String.join("\u001f", a.sourceIds()));
            }
            w.freeTextIfAny().ifPresent(text -> d.add("free text").add(w.title()).add(text));
        });
        return settings("monthly", provider, model, language) + "-" + d.hex();
    }

    /** The part of a fingerprint that covers the question's settings only. */
    static String settings(String kind, String provider, String model, String language) {
        return new Digest().add(kind).add(provider).add(model).add(PromptBuilder.PROMPT_VERSION).add(language).hex()
                .substring(0, 16);
    }

    /** Whether a stored fingerprint was taken with these settings. */
    static boolean sameSettings(String fingerprint, String kind, String provider, String model, String language) {
        return fingerprint.startsWith(settings(kind, provider, model, language) + "-");
    }

    private static final class Digest {
        private final MessageDigest sha;

        Digest() {
            sha = Hashes.sha256();
        }

        Digest add(String part) {
            // length-prefixed, so that ("ab","c") and ("a","bc") differ
            byte[] bytes = (part == null ? "\u0000null" : part).getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
            return this;
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
