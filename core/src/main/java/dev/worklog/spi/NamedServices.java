package dev.worklog.spi;

import dev.worklog.error.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * Factories of one kind, by name, found with {@link ServiceLoader} or registered explicitly. Discovery looks in
 * the thread-context class loader first, then in core's own, so it works in plain apps, in containers that set a
 * context loader, and in hosts that leave it null. Two different classes claiming one name is an error, not a
 * silent pick.
 *
 * @param <T> the factory type
 */
public final class NamedServices<T> {
    private final String kind;
    private final String variable;
    private final Map<String, T> byName;

    private NamedServices(String kind, String variable, Map<String, T> byName) {
        this.kind = kind;
        this.variable = variable;
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** LLM providers on the classpath. */
    public static NamedServices<LlmProviderFactory> llmProviders() {
        return discover(LlmProviderFactory.class, LlmProviderFactory::name, "LLM provider", "LLM_PROVIDER",
                Thread.currentThread().getContextClassLoader());
    }

    /** Stores on the classpath. */
    public static NamedServices<WorkLogRepositoryFactory> repositories() {
        return discover(WorkLogRepositoryFactory.class, WorkLogRepositoryFactory::name, "store", "WORKLOG_STORE",
                Thread.currentThread().getContextClassLoader());
    }

    /**
     * Discovers factories of a type.
     *
     * @param contextLoader tried first; may be {@code null}, then only core's loader is used
     * @throws ConfigurationException when two different classes claim one name
     */
    public static <T> NamedServices<T> discover(Class<T> type, Function<T, String> nameOf, String kind,
            String variable, ClassLoader contextLoader) {
        Map<String, T> found = new LinkedHashMap<>();
        List<ClassLoader> loaders = new ArrayList<>();
        if (contextLoader != null) {
            loaders.add(contextLoader);
        }
        ClassLoader own = NamedServices.class.getClassLoader();
        if (own != null && own != contextLoader) {
            loaders.add(own);
        }
        for (ClassLoader loader : loaders) {
            try {
                for (T factory : ServiceLoader.load(type, loader)) {
                    add(found, nameOf.apply(factory), factory, kind);
                }
            } catch (ServiceConfigurationError e) {
                throw new ConfigurationException("a " + kind + " on the classpath cannot be loaded: " + e.getMessage(), e);
            }
        }
        return new NamedServices<>(kind, variable, found);
    }

    /** Exactly the given factories, no discovery. */
    @SafeVarargs
    public static <T> NamedServices<T> of(Function<T, String> nameOf, String kind, String variable, T... factories) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T f : factories) {
            add(map, nameOf.apply(f), f, kind);
        }
        return new NamedServices<>(kind, variable, map);
    }

    /** A copy with one more factory; replaces one of the same name (explicit registration wins over discovery). */
    public NamedServices<T> with(String name, T factory) {
        Map<String, T> map = new LinkedHashMap<>(byName);
        map.put(normalise(name), factory);
        return new NamedServices<>(kind, variable, map);
    }

    /** The names available, in discovery order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** The factory of that name, if present. */
    public Optional<T> find(String name) {
        return Optional.ofNullable(byName.get(normalise(name)));
    }

    /**
     * The factory of that name.
     *
     * @throws ConfigurationException listing what is available when the name is unknown
     */
    public T require(String name) {
        return find(name).orElseThrow(() -> new ConfigurationException(variable + "=" + name + " is not available: "
                + (byName.isEmpty() ? "no " + kind + " is on the classpath"
                        : "the " + kind + "s on the classpath are " + String.join(", ", byName.keySet()))
                + ". Add the module that provides '" + normalise(name) + "' to the classpath, or pick one of those"));
    }

    private static <T> void add(Map<String, T> map, String rawName, T factory, String kind) {
        String name = normalise(rawName);
        T existing = map.get(name);
        if (existing == null) {
            map.put(name, factory);
        } else if (existing.getClass() != factory.getClass()) {
            throw new ConfigurationException("two " + kind + "s claim the name '" + name + "': "
                    + existing.getClass().getName() + " and " + factory.getClass().getName()
                    + "; remove one of them from the classpath");
        }
        // the same class seen through two class loaders is one provider
    }

    private static String normalise(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }
}
