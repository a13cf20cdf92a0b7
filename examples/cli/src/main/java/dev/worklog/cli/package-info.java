/**
 * The {@code worklog} command line: a thin app on top of {@link dev.worklog.WorkLogger}.
 *
 * <pre>
 * worklog daily               interactive, as the original daily logger
 * worklog daily --json entry.json
 * worklog weekly --week 2026-W47 --dry-run
 * worklog monthly --month 2026-11
 * worklog demo                a sample week, rolled up offline, in a fresh folder
 * </pre>
 *
 * <p>Behaviour lives in the SDK; this package only turns arguments, prompts and files into SDK calls and results
 * into text. Exit codes: 0 success, 1 failure, 2 unknown option or command, 130 cancelled.
 */
package dev.worklog.cli;
