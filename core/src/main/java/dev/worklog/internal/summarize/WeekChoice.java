package dev.worklog.internal.summarize;

import dev.worklog.model.Period;
import dev.worklog.model.WeeklyRollup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weeks a month is made from: of the weekly roll-ups stored for it, one set whose periods do not overlap, so that
 * no day is counted or fed to the model twice. ISO weeks (Monday to Sunday: what {@code worklog weekly} and the
 * schedule make) are kept first, as they never overlap each other; another period (made with {@code --start-date})
 * is kept only where it overlaps none of them, the one ending first when two such overlap (which keeps the most).
 * Of two roll-ups of the same period (a page duplicated by hand or by the original system), the newer is kept. Every
 * roll-up left out is named with the reason.
 *
 * @param weeks the roll-ups kept, oldest first
 * @param warnings one line per roll-up left out
 */
public record WeekChoice(List<WeeklyRollup> weeks, List<String> warnings) {
    private static final Comparator<WeeklyRollup> BY_PERIOD = Comparator
            .comparing((WeeklyRollup w) -> w.period().start()).thenComparing(w -> w.period().end());

    public WeekChoice {
        weeks = List.copyOf(weeks);
        warnings = List.copyOf(warnings);
    }

    /** The choice among {@code stored}. */
    public static WeekChoice of(List<WeeklyRollup> stored) {
        List<String> warnings = new ArrayList<>();
        Map<Period, WeeklyRollup> byPeriod = new LinkedHashMap<>();
        for (WeeklyRollup w : stored) {
            WeeklyRollup other = byPeriod.get(w.period());
            if (other == null) {
                byPeriod.put(w.period(), w);
                continue;
            }
            WeeklyRollup newer = newer(w, other);
            WeeklyRollup older = newer == w ? other : w;
            byPeriod.put(w.period(), newer);
            warnings.add(name(older) + " was left out: " + name(newer) + " covers the same days and is newer");
        }
        List<WeeklyRollup> kept = new ArrayList<>();
        List<WeeklyRollup> others = new ArrayList<>();
        for (WeeklyRollup w : byPeriod.values()) {
            (w.period().isIsoWeek() ? kept : others).add(w);
        }
        others.sort(Comparator.comparing((WeeklyRollup w) -> w.period().end()).thenComparing(w -> w.period().start()));
        for (WeeklyRollup w : others) {
            WeeklyRollup clash = kept.stream().filter(k -> k.period().overlaps(w.period())).findFirst().orElse(null);
            if (clash == null) {
                kept.add(w);
            } else {
                warnings.add(name(w) + " was left out: it overlaps " + name(clash) + ", and a month uses each day once ("
                        + (clash.period().isIsoWeek() ? "ISO weeks, Monday to Sunday, come first"
                                : "of two overlapping periods the one that ends first is kept") + ")");
            }
        }
        kept.sort(BY_PERIOD);
        return new WeekChoice(kept, warnings);
    }

    private static WeeklyRollup newer(WeeklyRollup a, WeeklyRollup b) {
        return a.generation().generatedAt().isAfter(b.generation().generatedAt()) ? a : b;
    }

    /** A roll-up as warnings name it: its period, and where it is stored. */
    private static String name(WeeklyRollup w) {
        return "weekly roll-up " + w.period().describe()
                + (w.url() != null ? " (" + w.url() + ")" : w.id() != null ? " (" + w.id() + ")" : "");
    }
}
