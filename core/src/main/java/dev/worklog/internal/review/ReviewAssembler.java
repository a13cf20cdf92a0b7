package dev.worklog.internal.review;

import dev.worklog.internal.summarize.SourceCheck;
import dev.worklog.model.Achievement;
import dev.worklog.model.DailyLog;
import dev.worklog.model.Generation;
import dev.worklog.model.ImpactLevel;
import dev.worklog.model.Period;
import dev.worklog.review.ReviewAchievement;
import dev.worklog.review.ReviewPacket;
import dev.worklog.review.ReviewPeriod;
import dev.worklog.review.ReviewSource;
import dev.worklog.spi.SummaryInput;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a reply (or a stored packet's generated part) into a packet: each achievement's citations resolved to the
 * roll-ups and daily logs behind them, dated and rated by that evidence, ranked by impact and then by evidence
 * (the model's order breaks ties), and every number checked against the cited sources.
 */
final class ReviewAssembler {
    private ReviewAssembler() {
    }

    /** The highest impact among the logs; {@link ImpactLevel#LOW} when there are none. */
    static ImpactLevel impact(List<DailyLog> logs) {
        return logs.stream().map(DailyLog::impactLevel).min(Comparator.naturalOrder()).orElse(ImpactLevel.LOW);
    }

    /** The draft's short ids ({@code W3}) as the packet's ids ({@code <roll-up id>#<n>}). */
    static ReviewParser.Draft canonical(ReviewParser.Draft draft, Citables citables) {
        List<ReviewParser.Item> items = new ArrayList<>();
        for (ReviewParser.Item item : draft.items()) {
            Achievement a = item.achievement();
            List<String> ids = a.sourceIds().stream().map(ref -> citables.byRef(ref).canonical()).toList();
            items.add(new ReviewParser.Item(item.theme(), new Achievement(a.title(), a.situation(), a.task(),
                    a.action(), a.result(), a.techStack(), a.metrics(), ids)));
        }
        return new ReviewParser.Draft(draft.narrative(), items);
    }

    /**
     * The packet.
     *
     * @param draft the narrative and achievements, citing the packet's ids ({@link #canonical})
     * @param warnings what happened on the way (roll-ups missing, fallbacks); the number check's come after
     */
    static ReviewPacket assemble(SummaryInput.Review input, Citables citables, ReviewParser.Draft draft,
            Generation generation, List<String> warnings) {
        List<String> all = new ArrayList<>(warnings);
        List<ReviewAchievement> unranked = new ArrayList<>();
        for (ReviewParser.Item item : draft.items()) {
            unranked.add(resolve(item, citables, input.period(), all));
        }
        List<ReviewAchievement> ranked = new ArrayList<>(unranked);
        // stable: the model's order breaks ties
        ranked.sort(Comparator.comparing(ReviewAchievement::impact).thenComparing(a -> -a.logs().size()));
        List<ReviewAchievement> achievements = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            achievements.add(ranked.get(i).withRank(i + 1));
        }
        Map<String, String> sourceText = new LinkedHashMap<>();
        citables.all().forEach(c -> sourceText.put(c.canonical(), c.text()));
        all.addAll(SourceCheck.warnings(achievements.stream().map(ReviewAchievement::achievement).toList(),
                sourceText));
        all.addAll(SourceCheck.lineWarnings(List.of(draft.narrative()), "narrative", sourceText, known(input)));
        ReviewPeriod period = input.period();
        List<String> months = input.months().stream().map(m -> m.id()).toList();
        return new ReviewPacket(null, null, period, ReviewPacket.titleFor(period, input.language()),
                input.language(), draft.narrative(), achievements, input.stats(), period.previous(),
                input.previousStats(), input.gaps(), months, generation, all);
    }

    /** Text the narrative's numbers may come from besides the sources: the periods and the statistics. */
    private static String known(SummaryInput.Review input) {
        ReviewPeriod p = input.period();
        return String.join("\n", p.label(), p.days().toString(), p.previous().label(), p.previous().days().toString(),
                input.stats().describe(), input.previousStats().describe(),
                input.gaps().stream().map(ReviewPeriod::isoWeekLabel).collect(Collectors.joining(" ")));
    }

    private static ReviewAchievement resolve(ReviewParser.Item item, Citables citables, ReviewPeriod period,
            List<String> warnings) {
        Set<ReviewSource> rollups = new LinkedHashSet<>();
        Set<DailyLog> logs = new LinkedHashSet<>();
        LocalDate first = null;
        LocalDate last = null;
        for (String id : item.achievement().sourceIds()) {
            Citables.Citable c = citables.byCanonical(id);
            rollups.add(c.rollup());
            List<DailyLog> found = citables.logsOf(c);
            if (found.size() < c.logIds().size()) {
                warnings.add("'" + item.achievement().title() + "' cites " + id + ", whose daily logs were not all "
                        + "found (" + (c.logIds().size() - found.size()) + " missing); its evidence is incomplete");
            }
            logs.addAll(found);
            if (found.isEmpty()) {
                first = min(first, c.rollup().start());
                last = max(last, c.rollup().end());
            }
        }
        List<DailyLog> sorted = logs.stream().sorted(Comparator.comparing(DailyLog::loggedDate)).toList();
        for (DailyLog log : sorted) {
            first = min(first, log.loggedDate());
            last = max(last, log.loggedDate());
        }
        if (first == null) {
            Period days = period.days();
            first = days.start();
            last = days.end();
        }
        List<ReviewSource> evidence = sorted.stream().map(ReviewAssembler::source).toList();
        return new ReviewAchievement(1, item.theme(), item.achievement(), first, last, impact(sorted),
                List.copyOf(rollups), evidence);
    }

    static ReviewSource source(DailyLog log) {
        return new ReviewSource(ReviewSource.Kind.DAILY_LOG, log.id(), log.title(), log.loggedDate(),
                log.loggedDate(), log.url(), log.ticketUrl(), log.impactLevel(), log.category());
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
