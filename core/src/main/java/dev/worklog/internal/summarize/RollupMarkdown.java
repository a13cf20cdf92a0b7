package dev.worklog.internal.summarize;

import static dev.worklog.internal.summarize.RollupSections.achievements;
import static dev.worklog.internal.summarize.RollupSections.bullets;
import static dev.worklog.internal.summarize.RollupSections.parseAchievements;
import static dev.worklog.internal.summarize.RollupSections.parseBullets;
import static dev.worklog.internal.summarize.RollupSections.sections;
import static dev.worklog.internal.summarize.RollupSections.unescapeMarkdown;
import static dev.worklog.internal.summarize.RollupSections.value;

import dev.worklog.model.Achievement;
import dev.worklog.model.Generation;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.summarize.OfflineSummarizer;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the body of a stored roll-up as markdown a person can read, and reads it back. Both stores use it, so a
 * roll-up written by one reads back the same in the other.
 *
 * <p>Layout of an achievements section:
 * <pre>
 * ### 1. Cut search latency
 *
 * **Situation**
 *
 * text...
 *
 * **Task**
 * ...
 * **Tech stack**: Java, Redis
 *
 * **Metrics**: p99 800 ms to 120 ms | 40 % fewer timeouts
 *
 * **Sources**: id-1, id-2
 * </pre>
 *
 * <p>The texts are markdown and stay markdown (a list in an Action is a list in Notion). A store that keeps them in
 * another form may give them back in another spelling of the same markdown (Notion: blank lines, escapes), never
 * with other structure: a text line that would read as the layout itself (a {@code #} heading, a
 * {@code **Task**} label, a line of {@code -} or {@code =}) is written after a zero-width space, which every
 * spelling keeps and reading removes. The values of tech stack, metrics and sources are lists of plain text: their
 * separators are escaped ({@code \,} and {@code \|}) and the whole value is escaped once more as markdown, so a
 * store that re-spells markdown escapes cannot move a separator. Line ends become LF, titles and list values one
 * line, and every item is trimmed, as the domain records trim them too.
 *
 * <p>A body that is not in this layout (a page written by the original system or another tool, or edited by hand
 * beyond reading) is never turned into placeholders: {@link #readWeekly} and {@link #readMonthly} return it as free
 * text with a warning saying why. Free text is written back under a {@value #PAGE_TEXT} heading, last.
 */
public final class RollupMarkdown {
    /** Heading of the achievements section. */
    public static final String ACHIEVEMENTS = "Achievements";
    /** Heading of the key highlights section. */
    public static final String KEY_HIGHLIGHTS = "Key Highlights";
    /** Heading of the career brief section. */
    public static final String CAREER_BRIEF = "Career Brief";
    /** Heading of the warnings section. */
    public static final String WARNINGS = "Warnings";
    /** Heading of the section recording how the roll-up was made. */
    public static final String GENERATION = "Generation";
    /** Heading of the free text of a roll-up not in this layout; everything after it is that text. */
    public static final String PAGE_TEXT = "Page Text";

    private RollupMarkdown() {
    }

    /**
     * The parts of a roll-up that live in a stored page's body.
     *
     * @param highlights key highlights (weekly), empty for a month
     * @param achievements the achievements
     * @param careerBrief the career brief (monthly), empty for a week
     * @param warnings the warnings recorded with the roll-up
     * @param generation how it was made
     * @param freeText the text under {@value #PAGE_TEXT}, or {@code null}
     */
    public record Body(List<String> highlights, List<Achievement> achievements, List<String> careerBrief,
            List<String> warnings, Generation generation, String freeText) {
        public Body {
            highlights = List.copyOf(highlights);
            achievements = List.copyOf(achievements);
            careerBrief = List.copyOf(careerBrief);
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(generation, "generation");
        }
    }

    /** The page body of a weekly roll-up. */
    public static String weeklyBody(WeeklyRollup rollup) {
        return document(rollup.keyHighlights(), rollup.achievements(), List.of(), rollup.warnings(),
                rollup.generation(), null, rollup.freeText());
    }

    /** The page body of a monthly roll-up, statistics included for the reader. */
    public static String monthlyBody(MonthlyRollup rollup) {
        return document(List.of(), rollup.achievements(), rollup.careerBrief(), rollup.warnings(),
                rollup.generation(), rollup.stats().describe(), rollup.freeText());
    }

    /**
     * Parses a body rendered by {@link #weeklyBody} or {@link #monthlyBody}.
     *
     * @throws IllegalArgumentException when an achievement lacks a part (a body edited by hand)
     */
    public static Body parseBody(String markdown) {
        Map<String, String> parts = sections(markdown);
        return new Body(parseBullets(parts.getOrDefault(KEY_HIGHLIGHTS, "")),
                parseAchievements(parts.getOrDefault(ACHIEVEMENTS, "")),
                parseBullets(parts.getOrDefault(CAREER_BRIEF, "")),
                parseBullets(parts.getOrDefault(WARNINGS, "")),
                parseGeneration(parts.getOrDefault(GENERATION, "")), parts.get(PAGE_TEXT));
    }

    /**
     * The weekly roll-up a stored body holds. A body that cannot be read as this layout comes back as free text
     * (the body as it is, less the offline notice and the {@value #GENERATION} section worklog wrote), with a
     * warning saying why: never placeholders.
     *
     * @param highlightsElsewhere key highlights kept outside the body (Notion's property), used when the body has
     *     none
     * @param generatedAtElsewhere when it was made, used when the body does not say
     */
    public static WeeklyRollup readWeekly(String id, String url, Period period, String title, String body,
            List<String> sourceLogIds, List<String> highlightsElsewhere, Instant generatedAtElsewhere) {
        Map<String, String> parts = sections(body);
        Generation generation = generationOr(parts, generatedAtElsewhere);
        List<String> highlights = parseBullets(parts.getOrDefault(KEY_HIGHLIGHTS, ""));
        if (highlights.isEmpty()) {
            highlights = highlightsElsewhere;
        }
        String problem;
        try {
            Body parsed = parseBody(body);
            if (parsed.freeText() != null) {
                return new WeeklyRollup(id, url, period, title, List.of(), highlights, sourceLogIds, generation,
                        parsed.warnings(), parsed.freeText());
            }
            return new WeeklyRollup(id, url, period, title, parsed.achievements(),
                    highlights.subList(0, Math.min(highlights.size(), WeeklyRollup.MAX_HIGHLIGHTS)), sourceLogIds,
                    generation, parsed.warnings());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        return new WeeklyRollup(id, url, period, title, List.of(), highlights, sourceLogIds, generation,
                List.of(notInLayout(problem)), pageText(body));
    }

    /**
     * The monthly roll-up a stored body holds; like {@link #readWeekly}, a body not in this layout comes back as
     * free text with a warning.
     */
    public static MonthlyRollup readMonthly(String id, String url, YearMonth month, String title, String body,
            MonthlyStats stats, List<String> sourceWeekIds, Instant generatedAtElsewhere) {
        Map<String, String> parts = sections(body);
        Generation generation = generationOr(parts, generatedAtElsewhere);
        String problem;
        try {
            Body parsed = parseBody(body);
            if (parsed.freeText() != null) {
                return new MonthlyRollup(id, url, month, title, List.of(), parsed.careerBrief(), stats,
                        sourceWeekIds, generation, parsed.warnings(), parsed.freeText());
            }
            return new MonthlyRollup(id, url, month, title, parsed.achievements(), parsed.careerBrief(), stats,
                    sourceWeekIds, generation, parsed.warnings());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        return new MonthlyRollup(id, url, month, title, List.of(), List.of(), stats, sourceWeekIds, generation,
                List.of(notInLayout(problem)), pageText(body));
    }

    private static String notInLayout(String problem) {
        return "the page is not in worklog's roll-up layout (" + problem + "); its text is used as it is";
    }

    private static Generation generationOr(Map<String, String> parts, Instant generatedAtElsewhere) {
        Generation g = parseGeneration(parts.getOrDefault(GENERATION, ""));
        return g.generatedAt().equals(Instant.EPOCH) && generatedAtElsewhere != null
                ? g.withGeneratedAt(generatedAtElsewhere) : g;
    }

    /** A body's own text: without what worklog writes about it (the offline notice, the generation section). */
    private static String pageText(String body) {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : body.split("\\R", -1)) {
            if (line.startsWith("## ")) {
                skipping = line.substring(3).strip().equals(GENERATION);
            }
            if (!skipping && !line.equals("> " + OfflineSummarizer.NOTICE)) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }

    /** Whether a provider name means the roll-up was made without a language model. */
    public static boolean isOffline(String provider) {
        return OfflineSummarizer.NAME.equals(provider);
    }

    private static String document(List<String> highlights, List<Achievement> achievements, List<String> brief,
            List<String> warnings, Generation generation, String stats, String freeText) {
        StringBuilder md = new StringBuilder();
        if (isOffline(generation.provider())) {
            md.append("> ").append(OfflineSummarizer.NOTICE).append("\n\n");
        }
        if (!brief.isEmpty()) {
            md.append("## ").append(CAREER_BRIEF).append("\n\n").append(bullets(brief)).append('\n');
        }
        if (!highlights.isEmpty()) {
            md.append("## ").append(KEY_HIGHLIGHTS).append("\n\n").append(bullets(highlights)).append('\n');
        }
        if (freeText == null) {
            md.append("## ").append(ACHIEVEMENTS).append("\n\n").append(achievements(achievements)).append('\n');
        }
        if (stats != null) {
            md.append("## Statistics\n\n").append(stats).append("\n\n");
        }
        if (!warnings.isEmpty()) {
            md.append("## ").append(WARNINGS).append("\n\n").append(bullets(warnings)).append('\n');
        }
        md.append("## ").append(GENERATION).append("\n\n")
                .append("- provider: ").append(value(generation.provider())).append('\n')
                .append("- model: ").append(value(generation.model())).append('\n')
                .append("- prompt version: ").append(value(generation.promptVersion())).append('\n')
                .append("- input fingerprint: ").append(value(generation.inputFingerprint())).append('\n')
                .append("- generated at: ").append(generation.generatedAt()).append('\n')
                .append("- tokens: ").append(generation.usage().inputTokens()).append(" in, ")
                .append(generation.usage().outputTokens()).append(" out\n");
        generation.sourcesRead().ifPresent(at -> md.append("- sources read at: ").append(at).append('\n'));
        if (freeText != null) {
            md.append("\n## ").append(PAGE_TEXT).append("\n\n").append(freeText.strip()).append('\n');
        }
        return md.toString();
    }

    private static Generation parseGeneration(String section) {
        Map<String, String> fields = new HashMap<>();
        for (String item : parseBullets(section)) {
            int colon = item.indexOf(": ");
            if (colon > 0) {
                fields.put(item.substring(0, colon).strip(), unescapeMarkdown(item.substring(colon + 2).strip()));
            }
        }
        return new Generation(fields.getOrDefault("provider", "unknown"), fields.getOrDefault("model", "unknown"),
                fields.getOrDefault("prompt version", "unknown"), fields.getOrDefault("input fingerprint", ""),
                instant(fields.get("generated at"), Instant.EPOCH), usage(fields.get("tokens")),
                instant(fields.get("sources read at"), null));
    }

    private static Instant instant(String text, Instant otherwise) {
        try {
            return text == null ? otherwise : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }

    private static final Pattern TOKENS = Pattern.compile("(\\d+) in, (\\d+) out");

    private static TokenUsage usage(String text) {
        Matcher m = TOKENS.matcher(text == null ? "" : text);
        return m.matches() ? new TokenUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : TokenUsage.NONE;
    }
}
