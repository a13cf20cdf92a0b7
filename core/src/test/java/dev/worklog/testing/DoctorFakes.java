package dev.worklog.testing;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.model.DailyLog;
import dev.worklog.model.MonthlyRollup;
import dev.worklog.model.Period;
import dev.worklog.model.StoredRef;
import dev.worklog.model.WeeklyRollup;
import dev.worklog.spi.DoctorAdvice;
import dev.worklog.spi.HealthCheck;
import dev.worklog.spi.LlmProvider;
import dev.worklog.spi.LlmProviderFactory;
import dev.worklog.spi.LlmRequest;
import dev.worklog.spi.LlmResponse;
import dev.worklog.spi.SpiContext;
import dev.worklog.spi.WorkLogRepository;
import dev.worklog.spi.WorkLogRepositoryFactory;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A store and an LLM for {@code worklog doctor} tests, in any module: each can be made to fail where a test says,
 * records what doctor asked, and refuses anything doctor must never do (write, spend tokens). A module's test gives
 * them its real factory's words ({@code factory(like)}), so that the checklist reads as with the real module.
 */
public final class DoctorFakes {
    private DoctorFakes() {
    }

    /** A store whose reads can be made to fail; records what was read. */
    public static final class Store {
        public final List<String> reads = new ArrayList<>();
        public RuntimeException createFailure;
        public Supplier<Object> daily = () -> null;
        public Supplier<Object> weekly = () -> null;
        public Supplier<Object> monthly = () -> null;

        /** A factory of this store under the given name, with the generic advice. */
        public WorkLogRepositoryFactory factory(String name) {
            return factory(name, null);
        }

        /**
         * A factory of this store that speaks like {@code like}: its name, variables, default selection and advice
         * are {@code like}'s; only the store it makes is this fake.
         */
        public WorkLogRepositoryFactory factory(WorkLogRepositoryFactory like) {
            return factory(like.name(), like);
        }

        private WorkLogRepositoryFactory factory(String name, WorkLogRepositoryFactory like) {
            return new WorkLogRepositoryFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public boolean selectedByDefault(WorkLogConfig config) {
                    return like != null && like.selectedByDefault(config);
                }

                @Override
                public List<String> variables() {
                    return like == null ? List.of() : like.variables();
                }

                @Override
                public DoctorAdvice advice() {
                    return like == null ? WorkLogRepositoryFactory.super.advice() : like.advice();
                }

                @Override
                public WorkLogRepository create(SpiContext context) {
                    if (createFailure != null) {
                        throw createFailure;
                    }
                    return new Repo("fake " + name);
                }
            };
        }

        final class Repo implements WorkLogRepository {
            private final InMemoryWorkLogRepository memory = new InMemoryWorkLogRepository();
            private final String description;

            Repo(String description) {
                this.description = description;
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public StoredRef saveDailyLog(DailyLog log) {
                throw new AssertionError("doctor must not write");
            }

            @Override
            public List<DailyLog> findDailyLogs(Period period, Set<String> statuses) {
                reads.add("daily " + period);
                daily.get();
                return memory.findDailyLogs(period, statuses);
            }

            @Override
            public Optional<WeeklyRollup> findWeekly(Period period) {
                reads.add("weekly " + period);
                weekly.get();
                return Optional.empty();
            }

            @Override
            public List<WeeklyRollup> findWeeklies(Period overlapping) {
                throw new AssertionError("not used by doctor");
            }

            @Override
            public StoredRef upsertWeekly(WeeklyRollup rollup) {
                throw new AssertionError("doctor must not write");
            }

            @Override
            public Optional<MonthlyRollup> findMonthly(YearMonth month) {
                reads.add("monthly " + month);
                monthly.get();
                return Optional.empty();
            }

            @Override
            public List<MonthlyRollup> findMonthlies(Period overlapping) {
                throw new AssertionError("not used by doctor");
            }

            @Override
            public StoredRef upsertMonthly(MonthlyRollup rollup) {
                throw new AssertionError("doctor must not write");
            }
        }
    }

    /** An LLM whose health check can be scripted; any completion is a test failure (doctor spends no tokens). */
    public static final class Llm {
        public int healthChecks;
        public Supplier<HealthCheck> health = () -> HealthCheck.ok("model fake-model is available to the key");

        /** A factory of this model under the given name, needing {@code keyVariable}, with the generic advice. */
        public LlmProviderFactory factory(String name, String keyVariable) {
            return factory(name, List.of(keyVariable), null);
        }

        /**
         * A factory of this model that speaks like {@code like}: its name, variables, default selection and advice
         * are {@code like}'s; only the provider it makes is this fake.
         */
        public LlmProviderFactory factory(LlmProviderFactory like) {
            return factory(like.name(), like.requiredVariables(), like);
        }

        private LlmProviderFactory factory(String name, List<String> required, LlmProviderFactory like) {
            return new LlmProviderFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<String> requiredVariables() {
                    return required;
                }

                @Override
                public boolean selectedByDefault(WorkLogConfig config) {
                    return like != null && like.selectedByDefault(config);
                }

                @Override
                public DoctorAdvice advice() {
                    return like == null ? LlmProviderFactory.super.advice() : like.advice();
                }

                @Override
                public LlmProvider create(SpiContext context) {
                    return new LlmProvider() {
                        @Override
                        public String name() {
                            return name;
                        }

                        @Override
                        public String model() {
                            return "fake-model";
                        }

                        @Override
                        public LlmResponse complete(LlmRequest request) {
                            throw new AssertionError("doctor must not spend tokens");
                        }

                        @Override
                        public HealthCheck checkHealth() {
                            healthChecks++;
                            return health.get();
                        }
                    };
                }
            };
        }
    }
}
