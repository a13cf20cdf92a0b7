package dev.worklog.model;

import java.util.List;
import java.util.Objects;

/**
 * One resume-ready achievement in STAR form, citing the entries it was drawn from.
 *
 * @param title a one-line headline
 * @param situation the S of STAR
 * @param task the T of STAR
 * @param action the A of STAR
 * @param result the R of STAR, with numbers where the sources have them
 * @param techStack technologies involved
 * @param metrics measurable results quoted from the sources
 * @param sourceIds ids of the entries this was drawn from: daily logs for a week, weekly roll-ups for a month
 */
public record Achievement(
        String title,
        String situation,
        String task,
        String action,
        String result,
        List<String> techStack,
        List<String> metrics,
        List<String> sourceIds) {

    public Achievement {
        title = requireText(title, "title");
        situation = requireText(situation, "situation");
        task = requireText(task, "task");
        action = requireText(action, "action");
        result = requireText(result, "result");
        techStack = List.copyOf(Objects.requireNonNull(techStack, "techStack"));
        metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
        sourceIds = List.copyOf(Objects.requireNonNull(sourceIds, "sourceIds"));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("achievement " + name + " must not be blank");
        }
        return value.strip();
    }
}
