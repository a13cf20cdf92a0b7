package dev.worklog.review;

import dev.worklog.model.TokenUsage;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link dev.worklog.WorkLogger#review}.
 *
 * @param period the months reviewed
 * @param status what the run did
 * @param packet the packet; {@code null} for a dry run or when there was nothing to review
 * @param prompt what the model would be sent (system instructions, then the prompt), for a dry run; otherwise
 *     {@code null}
 * @param usage tokens the model consumed for the packet in this run (the roll-ups made first are not counted here;
 *     see {@code rolledUp})
 * @param rolledUp the weekly and monthly roll-ups made first because they were missing or out of date, each as
 *     {@code weekly 2026-W44: WRITTEN (120 tokens)}
 * @param missingMonths months of the period with daily logs but without an up-to-date monthly roll-up that were not
 *     rolled up (dry run, or {@link ReviewOptions#rollUpMissing()} off)
 * @param warnings what the reader of the packet should check, and what happened on the way
 */
public record ReviewResult(ReviewPeriod period, ReviewStatus status, ReviewPacket packet, String prompt,
        TokenUsage usage, List<String> rolledUp, List<YearMonth> missingMonths, List<String> warnings) {
    public ReviewResult {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usage, "usage");
        rolledUp = List.copyOf(rolledUp);
        missingMonths = List.copyOf(missingMonths);
        warnings = List.copyOf(warnings);
    }

    /** The packet, unless this was a dry run or there was nothing to review. */
    public Optional<ReviewPacket> packetIfAny() {
        return Optional.ofNullable(packet);
    }

    /** The prompt of a dry run. */
    public Optional<String> promptIfAny() {
        return Optional.ofNullable(prompt);
    }
}
