package dev.worklog.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.worklog.internal.summarize.RollupMarkdown;
import dev.worklog.model.DailyLog;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.review.ReviewExport;
import dev.worklog.review.ReviewPacket;
import dev.worklog.store.LocalStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The local store's files, one entry each: front matter with the fields (text values as JSON strings, lists as JSON
 * arrays) and the body (a daily log's context as given, a roll-up's markdown). A file that does not parse fails
 * with a {@link LocalStoreException} naming it.
 */
public final class LocalFiles {
    /** Every entry file's extension. */
    public static final String EXTENSION = ".md";
    private static final TypeReference<MonthlyStats> STATS = new TypeReference<>() { };

    private LocalFiles() {
    }

    /**
     * A daily log read with its place in the creation order.
     *
     * @param log the entry
     * @param sequence its number in the folder-wide creation order; files written by hand have none and sort last
     * @param createdAt when it was written, if the file says
     */
    public record StoredDaily(DailyLog log, long sequence, Instant createdAt) {
        /** Oldest day first; within a day, creation order. */
        public static final Comparator<StoredDaily> ORDER = Comparator.<StoredDaily, LocalDate>comparing(
                        s -> s.log().loggedDate())
                .thenComparingLong(StoredDaily::sequence)
                .thenComparing(StoredDaily::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(s -> s.log().id());
    }

    /** A daily log's file text. */
    public static String dailyText(String id, DailyLog log, Instant createdAt, long sequence) {
        return FrontMatterFile.writer()
                .putBare("id", id)
                .put("title", log.title())
                .putBare("logged_date", log.loggedDate())
                .put("category", log.category())
                .putBare("impact_level", log.impactLevel().label())
                .putJson("tech_stack", log.techStack())
                .put("status", log.status())
                .put("metrics", log.metrics())
                .put("ticket_url", log.ticketUrl())
                .put("entry_id", log.entryId())
                .putBare("created_at", createdAt)
                .putBare("sequence", sequence)
                .withBody(log.context());
    }

    /** A week's file text. */
    public static String weeklyText(String id, WeeklyRollup rollup, Instant updatedAt) {
        return FrontMatterFile.writer()
                .putBare("id", id)
                .putBare("period_start", rollup.period().start())
                .putBare("period_end", rollup.period().end())
                .put("title", rollup.title())
                .putJson("source_log_ids", rollup.sourceLogIds())
                .putBare("updated_at", updatedAt)
                .putBare("input_tokens", rollup.generation().usage().inputTokens())
                .putBare("output_tokens", rollup.generation().usage().outputTokens())
                .withBody(RollupMarkdown.weeklyBody(rollup));
    }

    /** A month's file text. */
    public static String monthlyText(String id, MonthlyRollup rollup, Instant updatedAt) {
        return FrontMatterFile.writer()
                .putBare("id", id)
                .putBare("month", rollup.month())
                .put("title", rollup.title())
                .putJson("source_week_ids", rollup.sourceWeekIds())
                .putJson("stats", rollup.stats())
                .putBare("updated_at", updatedAt)
                .putBare("input_tokens", rollup.generation().usage().inputTokens())
                .putBare("output_tokens", rollup.generation().usage().outputTokens())
                .withBody(RollupMarkdown.monthlyBody(rollup));
    }

    /** Reads a daily log's file. */
    public static StoredDaily readDaily(Path file) {
        FrontMatterFile f = FrontMatterFile.parse(file, read(file));
        String impactText = f.requireText("impact_level");
        ImpactLevel impact = ImpactLevel.parse(impactText).orElseThrow(() -> FrontMatterFile.corrupt(file,
                "impact_level must be High, Medium or Low, got '" + impactText + "'", null));
        try {
            DailyLog log = new DailyLog(idOf(file, ""), url(file), f.requireText("title"), f.body(),
                    f.requireText("category"), impact, f.stringList("tech_stack"), f.requireDate("logged_date"),
                    f.requireText("status"), f.text("metrics"), f.text("ticket_url"), f.text("entry_id"));
            // files written by hand have no sequence: they sort after the ones the store numbered on that day
            return new StoredDaily(log, f.longValue("sequence", Long.MAX_VALUE), f.instant("created_at"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw FrontMatterFile.corrupt(file, e.getMessage(), e);
        }
    }

    /** A body edited beyond reading comes back as free text with a warning (the front matter must be intact). */
    public static WeeklyRollup readWeekly(Path file) {
        FrontMatterFile f = FrontMatterFile.parse(file, read(file));
        try {
            Period period = new Period(f.requireDate("period_start"), f.requireDate("period_end"));
            return RollupMarkdown.readWeekly(idOf(file, "weekly-"), url(file), period, f.requireText("title"), f.body(),
                    f.stringList("source_log_ids"), List.of(), f.instant("updated_at"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw FrontMatterFile.corrupt(file, e.getMessage(), e);
        }
    }

    /** Reads a month's file. */
    public static MonthlyRollup readMonthly(Path file) {
        FrontMatterFile f = FrontMatterFile.parse(file, read(file));
        try {
            return RollupMarkdown.readMonthly(idOf(file, "monthly-"), url(file), f.requireMonth("month"),
                    f.requireText("title"), f.body(), f.requireJson("stats", STATS), f.stringList("source_week_ids"),
                    f.instant("updated_at"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw FrontMatterFile.corrupt(file, e.getMessage(), e);
        }
    }

    /** Reads a saved review packet ({@code reviews/<period>.json}). */
    public static ReviewPacket readReview(Path file) {
        try {
            return ReviewExport.fromJson(read(file));
        } catch (IllegalArgumentException e) {
            throw new LocalStoreException(file, file + " is not a review packet worklog can read: " + e.getMessage()
                    + "; fix or delete it (the next saved review rewrites it)", e);
        }
    }

    /**
     * The id is the file's name, not the {@code id} line of the front matter (which is written for the reader): a
     * person who copies yesterday's file to start today's gets a new id instead of a duplicate.
     */
    static String idOf(Path file, String prefix) {
        String name = file.getFileName().toString();
        return prefix + name.substring(0, name.length() - EXTENSION.length());
    }

    /** A file's text. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalStoreException(file, "cannot read " + file + ": " + e, e);
        }
    }

    /** The link to an entry's file. */
    public static String url(Path file) {
        return file.toUri().toString();
    }
}
