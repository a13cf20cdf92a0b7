package dev.worklog.cli;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.doctor.Doctor;
import dev.worklog.doctor.DoctorReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code worklog doctor}: checks the configuration end to end and prints a fix under every failure. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the configuration: variables (names only, never values), the store and its three "
                + "databases (Notion: reachability and schema), the LLM (without spending tokens), the execution log.",
            "Exit code 0 when healthy, 1 when a check failed."},
        footer = {"", "Examples:", "  worklog doctor", "  WORKLOG_STORE=local worklog doctor"})
final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Override
    public Integer call() {
        DoctorReport report = Doctor.builder().config(WorkLogConfig.fromEnvironment()).build().run();
        report.lines().forEach(main.io().out()::println);
        main.io().out().flush();
        return report.healthy() ? 0 : 1;
    }
}
