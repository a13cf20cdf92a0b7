package dev.worklog.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code worklog doctor} says about one store or LLM provider: its name in prose, the variables that configure
 * it, where its keys are made, which variable points at each of a store's collections, what a variable is, and fixes
 * of its own that come before the generic ones. A module returns its own from its factory
 * ({@link WorkLogRepositoryFactory#advice()}, {@link LlmProviderFactory#advice()}), so that core names no vendor.
 *
 * <pre>{@code
 * DoctorAdvice advice = DoctorAdvice.builder("Acme")
 *         .keyVariable("ACME_TOKEN").keysPage("https://acme.example/tokens")
 *         .collectionVariable(DoctorAdvice.Collection.DAILY, "ACME_DAILY_TABLE")
 *         .fix(PermissionDeniedException.class, variable -> "Grant the token access to " + variable.orElse("the tables"))
 *         .build();
 * }</pre>
 */
public final class DoctorAdvice {
    /** The collections doctor reads from every store. */
    public enum Collection {
        /** The daily logs. */
        DAILY,
        /** The weekly roll-ups. */
        WEEKLY,
        /** The monthly roll-ups. */
        MONTHLY
    }

    private final String service;
    private final String keyVariable;
    private final String baseUrlVariable;
    private final String modelVariable;
    private final String keysPage;
    private final Map<Collection, String> collectionVariables;
    private final Map<String, String> variableHints;
    private final List<Map.Entry<Class<? extends RuntimeException>, Function<Optional<String>, String>>> fixes;

    private DoctorAdvice(Builder b) {
        this.service = b.service;
        this.keyVariable = b.keyVariable;
        this.baseUrlVariable = b.baseUrlVariable;
        this.modelVariable = b.modelVariable;
        this.keysPage = b.keysPage;
        this.collectionVariables = Map.copyOf(b.collectionVariables);
        this.variableHints = Map.copyOf(b.variableHints);
        this.fixes = List.copyOf(b.fixes);
    }

    /** A builder for the service called {@code service} in prose (e.g. {@code Notion}). */
    public static Builder builder(String service) {
        return new Builder(service);
    }

    /**
     * The advice about an LLM provider that follows the shared variable names ({@code <NAME>_API_KEY},
     * {@code <NAME>_BASE_URL}, {@code <NAME>_MODEL}), without a keys page.
     */
    public static Builder providerBuilder(String name) {
        String prefix = name.toUpperCase(Locale.ROOT);
        return builder(name).keyVariable(prefix + "_API_KEY").baseUrlVariable(prefix + "_BASE_URL")
                .modelVariable(prefix + "_MODEL");
    }

    /** The service's name in prose. */
    public String service() {
        return service;
    }

    /** The variable holding its key or token. */
    public Optional<String> keyVariable() {
        return Optional.ofNullable(keyVariable);
    }

    /** The variable holding its address. */
    public Optional<String> baseUrlVariable() {
        return Optional.ofNullable(baseUrlVariable);
    }

    /** The variable choosing its model (providers). */
    public Optional<String> modelVariable() {
        return Optional.ofNullable(modelVariable);
    }

    /** Where its keys are made and billing is checked. */
    public Optional<String> keysPage() {
        return Optional.ofNullable(keysPage);
    }

    /** The variable that points at one of a store's collections, shown with its check. */
    public Optional<String> collectionVariable(Collection collection) {
        return Optional.ofNullable(collectionVariables.get(collection));
    }

    /** What a variable is, appended to "Set it": e.g. {@code  (the id in the database's URL)}; empty when unknown. */
    public String hint(String variable) {
        return variableHints.getOrDefault(variable, "");
    }

    /**
     * The service's own fix for this failure, if it has one.
     *
     * @param variable the variable of the part that failed (a collection's), when known
     */
    public Optional<String> fix(RuntimeException failure, Optional<String> variable) {
        for (Map.Entry<Class<? extends RuntimeException>, Function<Optional<String>, String>> f : fixes) {
            if (f.getKey().isInstance(failure)) {
                return Optional.of(f.getValue().apply(variable));
            }
        }
        return Optional.empty();
    }

    /** Builds {@link DoctorAdvice}; every part but the service's name is optional. */
    public static final class Builder {
        private final String service;
        private String keyVariable;
        private String baseUrlVariable;
        private String modelVariable;
        private String keysPage;
        private final Map<Collection, String> collectionVariables = new LinkedHashMap<>();
        private final Map<String, String> variableHints = new LinkedHashMap<>();
        private final List<Map.Entry<Class<? extends RuntimeException>, Function<Optional<String>, String>>> fixes =
                new ArrayList<>();

        private Builder(String service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        /** The variable holding the key or token. */
        public Builder keyVariable(String value) {
            this.keyVariable = value;
            return this;
        }

        /** The variable holding the address. */
        public Builder baseUrlVariable(String value) {
            this.baseUrlVariable = value;
            return this;
        }

        /** The variable choosing the model. */
        public Builder modelVariable(String value) {
            this.modelVariable = value;
            return this;
        }

        /** Where keys are made and billing is checked. */
        public Builder keysPage(String value) {
            this.keysPage = value;
            return this;
        }

        /** The variable that points at one collection of the store. */
        public Builder collectionVariable(Collection collection, String variable) {
            collectionVariables.put(Objects.requireNonNull(collection, "collection"),
                    Objects.requireNonNull(variable, "variable"));
            return this;
        }

        /** What a variable is, e.g. {@code  (the id in the database's URL)}, with its leading space. */
        public Builder hint(String variable, String hint) {
            variableHints.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(hint, "hint"));
            return this;
        }

        /**
         * A fix of the service's own for failures of this class (the first registered that matches wins), given the
         * variable of the part that failed when known.
         */
        public Builder fix(Class<? extends RuntimeException> failure, Function<Optional<String>, String> fix) {
            fixes.add(Map.entry(Objects.requireNonNull(failure, "failure"), Objects.requireNonNull(fix, "fix")));
            return this;
        }

        /** The advice. */
        public DoctorAdvice build() {
            return new DoctorAdvice(this);
        }
    }
}
