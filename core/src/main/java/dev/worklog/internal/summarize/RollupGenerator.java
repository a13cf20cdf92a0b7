package dev.worklog.internal.summarize;

import dev.worklog.error.LlmOutputException;
import dev.worklog.error.WorkLogException;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.EditStamp;
import dev.worklog.model.Generation;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.MonthlyStats;
import dev.worklog.model.Period;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import dev.worklog.spi.SummaryInput;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The summarization pipeline, once for every provider: build the prompt, call the model, validate its JSON against
 * the domain, ask once for a repair when it is unusable, check every number against the cited sources, and record
 * how the roll-up was made. Unchanged inputs reuse the stored roll-up without calling the model. When a provider
 * fails after its retries, the next one in the chain ({@code LLM_FALLBACK}) is tried.
 */
public final class RollupGenerator {
    private final List<LlmProvider> chain;
    private final String language;
    private final PromptBuilder prompts;
    private final int maxOutputTokens;
    private final Clock clock;

    /**
     * A generator.
     *
     * @param chain the main provider first, then the fallbacks
     * @param language {@code ko} or {@code en}
     * @param maxOutputTokens the most tokens a reply may use
     */
    public RollupGenerator(List<LlmProvider> chain, String language, int maxOutputTokens, Clock clock) {
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("at least one LLM provider is needed");
        }
        this.language = Objects.requireNonNull(language, "language");
        this.prompts = new PromptBuilder(language, maxOutputTokens);
        this.maxOutputTokens = maxOutputTokens;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a generation produced.
     *
     * @param rollup the roll-up (the stored one when reused)
     * @param reused whether the stored roll-up was kept because its inputs are unchanged
     * @param usage tokens consumed across every call, repairs and fallbacks included
     * @param notes what happened on the way (fallbacks, repairs), for the caller to show
     * @param <R> the roll-up type
     */
    public record Outcome<R>(R rollup, boolean reused, TokenUsage usage, List<String> notes) {
        public Outcome {
            Objects.requireNonNull(rollup, "rollup");
            notes = List.copyOf(notes);
        }
    }

    /** The main provider. */
    public LlmProvider primary() {
        return chain.get(0);
    }

    /**
     * Whether the stored roll-up of a week can be kept without reading its sources: it was made with today's
     * settings, its sources were read after every stamp, and they are exactly the period's logs now.
     *
     * @param stamps the period's daily logs as the store lists them without reading them
     */
    public boolean unchangedSince(WeeklyRollup existing, List<EditStamp> stamps) {
        Generation g = existing.generation();
        if (existing.freeText() != null || g.sourcesReadAt() == null
                || !Fingerprints.sameSettings(g.inputFingerprint(), "weekly", primary().name(), primary().model(),
                        language)) {
            return false;
        }
        Set<String> ids = new java.util.HashSet<>();
        for (EditStamp stamp : stamps) {
            if (stamp.editedBefore().isAfter(g.sourcesReadAt())) {
                return false;
            }
            ids.add(stamp.id());
        }
        return ids.equals(new java.util.HashSet<>(existing.sourceLogIds()));
    }

    /**
     * Makes (or reuses) the roll-up of a week.
     *
     * @param logs the week's logs, each with its stored id; not empty
     * @param existing the roll-up stored for this period, if any
     * @param force regenerate even when the inputs are unchanged
     * @param sourcesReadAt when the logs were read (recorded, so that a later run can tell they are unchanged
     *     without reading them again); {@code null} if unknown
     */
    public Outcome<WeeklyRollup> weekly(Period period, List<DailyLog> logs, Optional<WeeklyRollup> existing,
            boolean force, Instant sourcesReadAt) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("a weekly roll-up needs at least one log");
        }
        String fingerprint = Fingerprints.weekly(logs, primary().name(), primary().model(), language);
        if (!force && existing.isPresent() && fingerprint.equals(existing.get().generation().inputFingerprint())) {
            return new Outcome<>(existing.get(), true, TokenUsage.NONE, List.of());
        }
        Set<String> ids = new LinkedHashSet<>();
        Map<String, String> sourceText = new LinkedHashMap<>();
        for (DailyLog log : logs) {
            ids.add(log.id());
            sourceText.put(log.id(), String.join("\n", log.title(), log.context(), log.loggedDate().toString(),
                    log.metricsText().orElse(""), String.join(" ", log.techStack())));
        }
        LlmRequest request = weeklyRequest(period, logs);
        int highlights = Math.min(WeeklyRollup.MAX_HIGHLIGHTS, logs.size());
        Generated g = generate(request, "key_highlights", 1, WeeklyRollup.MAX_ACHIEVEMENTS, highlights,
                WeeklyRollup.MAX_HIGHLIGHTS, ids);
        List<String> warnings = new ArrayList<>(g.replyWarnings);
        warnings.addAll(SourceCheck.warnings(g.parsed.achievements(), sourceText));
        warnings.addAll(SourceCheck.lineWarnings(g.parsed.bullets(), "key highlight", sourceText, period.toString()));
        WeeklyRollup rollup = new WeeklyRollup(existing.map(WeeklyRollup::id).orElse(null),
                existing.map(WeeklyRollup::url).orElse(null), period, WeeklyRollup.titleFor(period),
                g.parsed.achievements(), g.parsed.bullets(), List.copyOf(ids),
                new Generation(g.provider, g.model, PromptBuilder.PROMPT_VERSION, fingerprint, clock.instant(),
                        g.usage, sourcesReadAt),
                warnings);
        return new Outcome<>(rollup, false, g.usage, g.notes);
    }

    /** {@link #weekly(Period, List, Optional, boolean, Instant)} without recording when the logs were read. */
    public Outcome<WeeklyRollup> weekly(Period period, List<DailyLog> logs, Optional<WeeklyRollup> existing,
            boolean force) {
        return weekly(period, logs, existing, force, null);
    }

    /**
     * Makes (or reuses) the roll-up of a month.
     *
     * @param weeks the weekly roll-ups overlapping the month, each with its stored id; not empty. A week not in
     *     worklog's layout ({@link WeeklyRollup#freeText()}) reaches the model as its text.
     * @param stats counts over the month's daily logs
     * @param existing the roll-up stored for this month, if any
     * @param force regenerate even when the inputs are unchanged
     */
    public Outcome<MonthlyRollup> monthly(YearMonth month, List<WeeklyRollup> weeks, MonthlyStats stats,
            Optional<MonthlyRollup> existing, boolean force) {
        if (weeks.isEmpty()) {
            throw new IllegalArgumentException("a monthly roll-up needs at least one weekly roll-up");
        }
        String fingerprint = Fingerprints.monthly(weeks, stats, primary().name(), primary().model(), language);
        if (!force && existing.isPresent() && fingerprint.equals(existing.get().generation().inputFingerprint())) {
            return new Outcome<>(existing.get(), true, TokenUsage.NONE, List.of());
        }
        Set<String> ids = new LinkedHashSet<>();
        Map<String, String> sourceText = new LinkedHashMap<>();
        for (WeeklyRollup week : weeks) {
            ids.add(week.id());
            StringBuilder text = new StringBuilder(week.period().toString()).append('\n').append(week.title())
                    .append('\n').append(String.join("\n", week.keyHighlights())).append('\n')
                    .append(stats.describe()).append('\n');
            for (Achievement a : week.achievements()) {
                text.append(String.join("\n", a.title(), a.situation(), a.task(), a.action(), a.result(),
                        String.join("\n", a.metrics()))).append('\n');
            }
            week.freeTextIfAny().ifPresent(t -> text.append(t).append('\n'));
            sourceText.put(week.id(), text.toString());
        }
        int minAchievements = minMonthlyAchievements(weeks);
        LlmRequest request = monthlyRequest(month, weeks, stats);
        Generated g = generate(request, "career_brief", minAchievements, MonthlyRollup.MAX_ACHIEVEMENTS, 3,
                MonthlyRollup.MAX_BRIEF, ids);
        List<String> warnings = new ArrayList<>(g.replyWarnings);
        warnings.addAll(SourceCheck.warnings(g.parsed.achievements(), sourceText));
        warnings.addAll(SourceCheck.lineWarnings(g.parsed.bullets(), "career brief bullet", sourceText,
                month + "\n" + stats.describe()));
        MonthlyRollup rollup = new MonthlyRollup(existing.map(MonthlyRollup::id).orElse(null),
                existing.map(MonthlyRollup::url).orElse(null), month, MonthlyRollup.titleFor(month),
                g.parsed.achievements(), g.parsed.bullets(), stats, List.copyOf(ids),
                new Generation(g.provider, g.model, PromptBuilder.PROMPT_VERSION, fingerprint, clock.instant(),
                        g.usage, null),
                warnings);
        return new Outcome<>(rollup, false, g.usage, g.notes);
    }

    /**
     * The request a weekly roll-up of these logs sends to the model, before redaction: what
     * {@link #weekly(Period, List, Optional, boolean, Instant)} sends, for a preview.
     */
    public LlmRequest weeklyRequest(Period period, List<DailyLog> logs) {
        return prompts.weekly(new SummaryInput.Weekly(period, logs, language));
    }

    /** The request a monthly roll-up of these weeks sends to the model, before redaction, for a preview. */
    public LlmRequest monthlyRequest(YearMonth month, List<WeeklyRollup> weeks, MonthlyStats stats) {
        return prompts.monthly(new SummaryInput.Monthly(month, weeks, stats, language), minMonthlyAchievements(weeks));
    }

    /** Two, or fewer when the weeks hold fewer achievements to draw on. */
    private static int minMonthlyAchievements(List<WeeklyRollup> weeks) {
        int available = 0;
        for (WeeklyRollup week : weeks) {
            // a week in free text may hold several achievements; count it as one the model can draw on
            available += week.freeText() != null ? Math.max(1, week.achievements().size())
                    : week.achievements().size();
        }
        return Math.min(2, available);
    }

    /** Whether the stored roll-up would be kept because its inputs are unchanged (no model call without force). */
    public boolean unchanged(Period period, List<DailyLog> logs, Optional<WeeklyRollup> existing) {
        return existing.isPresent() && Fingerprints.weekly(logs, primary().name(), primary().model(), language)
                .equals(existing.get().generation().inputFingerprint());
    }

    /** Whether the stored monthly roll-up would be kept because its inputs are unchanged. */
    public boolean unchanged(List<WeeklyRollup> weeks, MonthlyStats stats, Optional<MonthlyRollup> existing) {
        return existing.isPresent() && Fingerprints.monthly(weeks, stats, primary().name(), primary().model(), language)
                .equals(existing.get().generation().inputFingerprint());
    }

    private static final class Generated {
        RollupParser.Parsed parsed;
        List<String> replyWarnings = List.of();
        String provider;
        String model;
        TokenUsage usage = TokenUsage.NONE;
        final List<String> notes = new ArrayList<>();
    }

    private Generated generate(LlmRequest request, String bulletsField, int minAchievements, int maxAchievements,
            int minBullets, int maxBullets, Set<String> ids) {
        Completion<RollupParser.Parsed> c = complete(request, text -> {
            RollupParser.Parsed parsed = RollupParser.parse(text, bulletsField, minAchievements, maxAchievements,
                    minBullets, maxBullets, ids);
            return new Reply<>(parsed, parsed.problems());
        });
        Generated g = new Generated();
        g.parsed = c.value();
        g.provider = c.provider();
        g.model = c.model();
        g.usage = c.usage();
        g.notes.addAll(c.notes());
        g.replyWarnings = c.warnings();
        return g;
    }

    /**
     * A reply read into a value, or the problems that make it unusable.
     *
     * @param value what was read; ignored when there are problems
     * @param problems everything wrong with the reply, for the one repair request
     * @param <T> the value's type
     */
    public record Reply<T>(T value, List<String> problems) {
        public Reply {
            problems = List.copyOf(problems);
        }
    }

    /**
     * What a model call through the chain produced.
     *
     * @param value the reply, read
     * @param provider the provider that answered
     * @param model the model that answered
     * @param usage tokens across every call, repairs and fallbacks included
     * @param notes fallbacks and repairs, for the caller to show
     * @param warnings what the answering provider said about its reply (for example a redaction placeholder the
     *     model mangled, left visible), for the result's warnings
     * @param <T> the value's type
     */
    public record Completion<T>(T value, String provider, String model, TokenUsage usage, List<String> notes,
            List<String> warnings) {
        public Completion {
            notes = List.copyOf(notes);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Sends a request through the chain, the one path every model call takes: the main provider, one repair request
     * when its reply is unusable, then each fallback in turn when a provider fails after its retries.
     *
     * @param read reads a reply's text, listing its problems
     * @throws LlmOutputException when the reply is still unusable after the repair
     * @throws WorkLogException when the last provider fails
     */
    public <T> Completion<T> complete(LlmRequest request, Function<String, Reply<T>> read) {
        TokenUsage usage = TokenUsage.NONE;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            LlmProvider provider = chain.get(i);
            try {
                LlmResponse reply = provider.complete(request);
                usage = usage.plus(reply.usage());
                Reply<T> parsed = read.apply(reply.text());
                if (!parsed.problems().isEmpty()) {
                    notes.add(provider.name() + ": the reply was unusable (" + String.join("; ", parsed.problems())
                            + "); asked once for a repair");
                    reply = provider.complete(request.withPrompt(prompts.repair(request, reply.text(), parsed.problems())));
                    usage = usage.plus(reply.usage());
                    parsed = read.apply(reply.text());
                    if (!parsed.problems().isEmpty()) {
                        throw new LlmOutputException(provider.name() + " (" + provider.model()
                                + ") returned an unusable reply even after one repair attempt: "
                                + String.join("; ", parsed.problems()));
                    }
                }
                String model = reply.model().isBlank() ? provider.model() : reply.model();
                return new Completion<>(parsed.value(), provider.name(), model, usage, notes, reply.warnings());
            } catch (WorkLogException e) {
                if (i == chain.size() - 1) {
                    if (!notes.isEmpty()) {
                        e.addSuppressed(new IllegalStateException(String.join("; ", notes)));
                    }
                    throw e;
                }
                notes.add(provider.name() + " failed (" + e.getMessage() + "); falling back to "
                        + chain.get(i + 1).name());
            }
        }
        throw new IllegalStateException("unreachable: the chain is not empty");
    }

    /** The same chain, writing in another language ({@code ko} or {@code en}). */
    public RollupGenerator withLanguage(String value) {
        return value.equals(language) ? this : new RollupGenerator(chain, value, maxOutputTokens, clock);
    }

    /** The language prompts are written in. */
    public String language() {
        return language;
    }

    /** The most tokens a reply may use. */
    public int maxOutputTokens() {
        return maxOutputTokens;
    }

    /** The clock generation times are taken from. */
    public Clock clock() {
        return clock;
    }
}
