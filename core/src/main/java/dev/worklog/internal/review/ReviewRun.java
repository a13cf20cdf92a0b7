package dev.worklog.internal.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.worklog.MonthlyResult;
import dev.worklog.SummarizeOptions;
import dev.worklog.WeeklyResult;
import dev.worklog.internal.Hashes;
import dev.worklog.internal.redact.RedactingProvider;
import dev.worklog.internal.summarize.RollupGenerator;
import dev.worklog.log.ExecutionLog;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Generation;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.TokenUsage;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.review.ReviewAchievement;
import dev.worklog.review.ReviewOptions;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewResult;
import dev.worklog.review.ReviewStats;
import dev.worklog.review.ReviewStatus;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.SummaryInput;
import dev.worklog.spi.WorkLogRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A review run, the work of {@code WorkLogger.review}: read the period's roll-ups and daily logs (and the previous
 * period's logs for the comparison), roll up what is missing first, build the prompt, reuse the stored packet when
 * the prompt is unchanged, else ask the model through the same chain as the roll-ups, assemble and check the
 * packet, and store it when asked. Every step is written to the execution log under {@code review_processor}.
 */
public final class ReviewRun {
    private static final String COMPONENT = ExecutionLog.REVIEW_PROCESSOR;

    private final WorkLogRepository repository;
    private final RollupGenerator generator;
    private final Clock clock;
    private final ZoneId zone;
    private final ExecutionLog executionLog;
    private final BiFunction<Period, SummarizeOptions, WeeklyResult> weekly;
    private final BiFunction<YearMonth, SummarizeOptions, MonthlyResult> monthly;

    /**
     * @param weekly makes a week's roll-up (the logger's weekly run)
     * @param monthly makes a month's roll-up (the logger's monthly run)
     */
    public ReviewRun(WorkLogRepository repository, RollupGenerator generator, Clock clock, ZoneId zone,
            ExecutionLog executionLog, BiFunction<Period, SummarizeOptions, WeeklyResult> weekly,
            BiFunction<YearMonth, SummarizeOptions, MonthlyResult> monthly) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.executionLog = Objects.requireNonNull(executionLog, "executionLog");
        this.weekly = Objects.requireNonNull(weekly, "weekly");
        this.monthly = Objects.requireNonNull(monthly, "monthly");
    }

    /** Makes, reuses or previews the packet of a period. */
    public ReviewResult run(ReviewPeriod period, ReviewOptions options) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(options, "options");
        String what = "review " + period.label() + " (" + period.days() + ")";
        try {
            return review(period, options, what);
        } catch (RuntimeException e) {
            executionLog.error(COMPONENT, what + " failed: " + e.getMessage());
            throw e;
        }
    }

    private ReviewResult review(ReviewPeriod period, ReviewOptions options, String what) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (period.days().start().isAfter(today)) {
            throw new IllegalArgumentException("the review period " + period.label() + " has not started yet (today is "
                    + today + ")");
        }
        RollupGenerator chain = options.language() == null ? generator : generator.withLanguage(options.language());
        SummarizeOptions rollupOptions = SummarizeOptions.defaults().withStatuses(options.statuses());
        Instant readAt = clock.instant();
        Sources sources = read(period, options);
        CatchUp missing = CatchUp.of(period, today, sources.periodLogs, sources.weeks, sources.months);
        List<String> rolledUp = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<YearMonth> missingMonths = new ArrayList<>();
        if (!missing.isEmpty() && options.rollUpMissing() && !options.dryRun()) {
            for (Period week : missing.weeks()) {
                WeeklyResult r = weekly.apply(week, rollupOptions);
                rolledUp.add("weekly " + week.describe() + ": " + r.status() + tokens(r.usage()));
                warnings.addAll(r.warnings());
            }
            for (Map.Entry<YearMonth, String> month : missing.months().entrySet()) {
                MonthlyResult r = monthly.apply(month.getKey(), rollupOptions);
                rolledUp.add("monthly " + month.getKey() + " (" + month.getValue() + "): " + r.status()
                        + tokens(r.usage()));
                warnings.addAll(r.warnings());
            }
            executionLog.info(COMPONENT, what + ": rolled up first: " + String.join("; ", rolledUp));
            readAt = clock.instant();
            sources = read(period, options);
        } else if (!missing.isEmpty()) {
            missing.weeks().forEach(w -> warnings.add("week " + w.describe() + " has daily logs that no "
                    + "weekly roll-up lists" + (options.dryRun() ? "; a run that is not a dry run rolls it up first"
                            : "; run `worklog weekly --week " + w.label() + "`")));
            missing.months().forEach((m, why) -> {
                missingMonths.add(m);
                warnings.add("month " + m + " is not in the packet as it should be (" + why + ")"
                        + (options.dryRun() ? "; a run that is not a dry run rolls it up first"
                                : "; run `worklog monthly --month " + m + "`"));
            });
        }
        if (sources.periodLogs.isEmpty() && sources.weeks.isEmpty() && sources.months.isEmpty()) {
            executionLog.info(COMPONENT, what + ": no daily logs and no roll-ups in the period; nothing to review");
            return new ReviewResult(period, ReviewStatus.NO_SOURCES, null, null, TokenUsage.NONE, rolledUp,
                    missingMonths, warnings);
        }
        String language = chain.language();
        List<Period> isoWeeks = period.isoWeeksUntil(today);
        ReviewStats stats = ReviewStats.of(sources.periodLogs, isoWeeks);
        List<DailyLog> before = repository.findDailyLogs(period.previous().days(), options.statuses());
        ReviewStats previous = ReviewStats.of(before, period.previous().isoWeeksUntil(today));
        List<DailyLog> periodLogs = sources.periodLogs;
        List<Period> gaps = isoWeeks.stream().filter(w -> periodLogs.stream()
                .noneMatch(l -> w.contains(l.loggedDate()))).toList();
        SummaryInput.Review input = new SummaryInput.Review(period, sources.months, sources.weeks, sources.allLogs,
                stats, previous, gaps, language);
        Citables citables = new Citables(input);
        LlmRequest request = ReviewPrompt.request(input, citables, chain.maxOutputTokens());
        String fingerprint = fingerprint(request, chain);
        executionLog.info(COMPONENT, what + ": " + sources.months.size() + " monthly and " + sources.weeks.size()
                + " weekly roll-ups, " + sources.periodLogs.size() + " daily logs (" + before.size() + " in "
                + period.previous().label() + ") read from " + repository.describe() + "; " + citables.all().size()
                + " achievements to cite; provider " + chain.primary().name() + " (" + chain.primary().model() + ")"
                + (options.dryRun() ? "; dry run" : ""));
        if (options.dryRun()) {
            // what would leave the machine: the request after the main provider's redaction, as the roll-ups' previews
            RedactingProvider.Outgoing out = RedactingProvider.outgoing(chain.primary(), request);
            executionLog.success(COMPONENT, what + ": dry run, prompt of " + request.prompt().length()
                    + " characters built, redaction " + out.mode().label() + " (" + out.places()
                    + " places); the model was not called");
            return new ReviewResult(period, ReviewStatus.DRY_RUN, null,
                    out.request().system() + "\n\n" + out.request().prompt(), TokenUsage.NONE, rolledUp,
                    missingMonths, warnings);
        }
        Optional<ReviewPacket> stored = repository.findReview(period);
        if (!options.force() && stored.isPresent()
                && fingerprint.equals(stored.get().generation().inputFingerprint())) {
            Optional<ReviewParser.Draft> kept = draftOf(stored.get(), citables);
            if (kept.isPresent()) {
                return reuse(stored.get(), kept.get(), input, citables, options, warnings, rolledUp, missingMonths,
                        what);
            }
        }
        int minAchievements = citables.all().isEmpty() ? 0 : 1;
        RollupGenerator.Completion<ReviewParser.Draft> reply = chain.complete(request,
                text -> ReviewParser.parse(text, citables.refs(), minAchievements));
        List<String> notes = new ArrayList<>(warnings);
        notes.addAll(reply.notes());
        notes.addAll(reply.warnings());
        Generation generation = new Generation(reply.provider(), reply.model(), ReviewPrompt.PROMPT_VERSION,
                fingerprint, clock.instant(), reply.usage(), readAt);
        ReviewPacket packet = ReviewAssembler.assemble(input, citables,
                ReviewAssembler.canonical(reply.value(), citables), generation, notes);
        ReviewStatus status = ReviewStatus.GENERATED;
        if (options.save()) {
            StoredRef ref = repository.upsertReview(packet);
            packet = packet.withStored(ref.id(), ref.url());
            status = ReviewStatus.SAVED;
        }
        executionLog.success(COMPONENT, what + ": " + packet.achievements().size() + " achievements"
                + (status == ReviewStatus.SAVED ? ", stored -> " + packet.id() + " " + packet.url() : ", not stored")
                + tokens(reply.usage()) + (packet.warnings().isEmpty() ? ""
                        : "; " + packet.warnings().size() + " warning(s): " + String.join(" | ", packet.warnings())));
        return new ReviewResult(period, status, packet, null, reply.usage(), rolledUp, missingMonths,
                packet.warnings());
    }

    /** The stored packet's generated part, if every citation is still one of today's. */
    private static Optional<ReviewParser.Draft> draftOf(ReviewPacket stored, Citables citables) {
        List<ReviewParser.Item> items = new ArrayList<>();
        List<ReviewAchievement> byRank = new ArrayList<>(stored.achievements());
        byRank.sort(Comparator.comparingInt(ReviewAchievement::rank));
        for (ReviewAchievement a : byRank) {
            if (a.achievement().sourceIds().stream().anyMatch(id -> citables.byCanonical(id) == null)) {
                return Optional.empty();
            }
            items.add(new ReviewParser.Item(a.theme(), a.achievement()));
        }
        return Optional.of(new ReviewParser.Draft(stored.narrative(), items));
    }

    private ReviewResult reuse(ReviewPacket stored, ReviewParser.Draft draft, SummaryInput.Review input,
            Citables citables, ReviewOptions options, List<String> warnings, List<String> rolledUp,
            List<YearMonth> missingMonths, String what) {
        ReviewPacket packet = ReviewAssembler.assemble(input, citables, draft, stored.generation(), warnings)
                .withStored(stored.id(), stored.url());
        String refreshed = "";
        if (options.save() && !content(packet).equals(content(stored))) {
            // same question, but a log's title or link changed since: the stored copy is brought up to date
            StoredRef ref = repository.upsertReview(packet);
            packet = packet.withStored(ref.id(), ref.url());
            refreshed = "; the stored copy was refreshed (a source's title or link changed)";
        }
        executionLog.success(COMPONENT, what + ": inputs unchanged since " + stored.generation().generatedAt()
                + "; kept the stored packet without calling the LLM" + refreshed);
        return new ReviewResult(stored.period(), ReviewStatus.UNCHANGED, packet, null, TokenUsage.NONE, rolledUp,
                missingMonths, packet.warnings());
    }

    /**
     * A packet as stored, less its warnings: those say what happened in the run that made it (weeks rolled up first,
     * a fallback), which a rerun does not repeat, so they are no reason to rewrite the stored copy.
     */
    private static JsonNode content(ReviewPacket packet) {
        ObjectNode tree = ReviewJson.tree(packet);
        tree.remove("warnings");
        return tree;
    }

    /** What the review reads: the period's roll-ups, its daily logs, and the logs the overlapping weeks cite. */
    private static final class Sources {
        List<MonthlyRollup> months;
        List<WeeklyRollup> weeks;
        List<DailyLog> allLogs;
        List<DailyLog> periodLogs;
    }

    private Sources read(ReviewPeriod period, ReviewOptions options) {
        Period days = period.days();
        Sources s = new Sources();
        s.months = repository.findMonthlies(days);
        s.weeks = repository.findWeeklies(days);
        LocalDate start = days.start();
        LocalDate end = days.end();
        for (WeeklyRollup w : s.weeks) {
            start = w.period().start().isBefore(start) ? w.period().start() : start;
            end = w.period().end().isAfter(end) ? w.period().end() : end;
        }
        s.allLogs = repository.findDailyLogs(new Period(start, end), options.statuses());
        s.periodLogs = s.allLogs.stream().filter(l -> days.contains(l.loggedDate())).toList();
        return s;
    }

    /** A hash of everything the model is given, and of who is asked. */
    private static String fingerprint(LlmRequest request, RollupGenerator chain) {
        StringBuilder all = new StringBuilder();
        for (String part : List.of("review", chain.primary().name(), chain.primary().model(),
                ReviewPrompt.PROMPT_VERSION, chain.language(), request.system(), request.prompt(),
                request.responseSchema())) {
            all.append(part.length()).append(':').append(part);
        }
        return Hashes.sha256Hex(all.toString());
    }

    private static String tokens(TokenUsage usage) {
        return usage.total() == 0 ? "" : " (" + usage.total() + " tokens)";
    }
}
