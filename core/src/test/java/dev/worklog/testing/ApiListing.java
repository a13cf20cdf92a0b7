package dev.worklog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public surface of a module, as text a reviewer can read: every public type outside the {@code internal}
 * packages, with its kind, supertypes and public and protected members, one per line, sorted. A change to the
 * surface is a change to the module's checked-in listing ({@code api/<artifact>.api}), so it is seen in review.
 *
 * <p>Members are spelled by {@link Method#toGenericString()} and its kin, so generic types, varargs and exceptions
 * count; synthetic and bridge members, and types that are not public (or not reachable through public types), do not.
 */
public final class ApiListing {
    private ApiListing() {
    }

    /**
     * The listing of the classes compiled into {@code classesDir}.
     *
     * @param loader loads those classes (the test's own loader, which has the module on its class path)
     */
    public static String of(Path classesDir, ClassLoader loader) {
        TreeMap<String, List<String>> types = new TreeMap<>();
        for (String name : classNames(classesDir)) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + name + " from " + classesDir, e);
            }
            if (isListed(type)) {
                types.put(type.getName(), members(type));
            }
        }
        StringBuilder out = new StringBuilder();
        types.forEach((name, lines) -> {
            out.append(lines.get(0)).append('\n');
            lines.subList(1, lines.size()).forEach(l -> out.append("  ").append(l).append('\n'));
            out.append('\n');
        });
        return out.toString();
    }

    /**
     * Whether a type is part of the surface: public (or a protected member type), outside the {@code internal}
     * packages, and every enclosing type public.
     */
    static boolean isListed(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()
                || type.getPackageName().contains(".internal")) {
            return false;
        }
        int mod = type.getModifiers();
        if (!Modifier.isPublic(mod) && !(type.getEnclosingClass() != null && Modifier.isProtected(mod))) {
            return false;
        }
        for (Class<?> t = type.getEnclosingClass(); t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** The type's header line, then its visible members, sorted. */
    private static List<String> members(Class<?> type) {
        TreeSet<String> lines = new TreeSet<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c)) {
                lines.add(c.toGenericString());
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m) && !m.isBridge()) {
                lines.add(m.toGenericString());
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f)) {
                lines.add(f.toGenericString());
            }
        }
        List<String> out = new ArrayList<>();
        out.add(header(type));
        out.addAll(lines);
        return out;
    }

    private static boolean visible(Member m) {
        int mod = m.getModifiers();
        return !m.isSynthetic() && (Modifier.isPublic(mod) || Modifier.isProtected(mod));
    }

    private static String header(Class<?> type) {
        StringBuilder b = new StringBuilder(type.toGenericString());
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            b.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        var interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            b.append(type.isInterface() ? " extends " : " implements ");
            for (int i = 0; i < interfaces.length; i++) {
                b.append(i == 0 ? "" : ", ").append(interfaces[i].getTypeName());
            }
        }
        return b.toString();
    }

    private static List<String> classNames(Path classesDir) {
        try (Stream<Path> files = Files.walk(classesDir)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classesDir.relativize(p).toString())
                    .map(s -> s.substring(0, s.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .filter(s -> !s.endsWith("package-info") && !s.endsWith("module-info"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classesDir, e);
        }
    }
}
