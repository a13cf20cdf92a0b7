package dev.worklog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
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
 * <p>Members are spelt with their generic types, varargs and exceptions, in words of this class's own (so that the
 * listing reads the same on every JDK release); synthetic and bridge members, and types that are not public (or not
 * reachable through public types), do not count.
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
                lines.add(modifiers(c.getModifiers() & Modifier.constructorModifiers()) + typeParameters(c)
                        + type.getSimpleName() + parameters(c.getGenericParameterTypes(), c.isVarArgs())
                        + exceptions(c.getGenericExceptionTypes()));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m) && !m.isBridge()) {
                lines.add(modifiers(m.getModifiers() & Modifier.methodModifiers()) + (m.isDefault() ? "default " : "")
                        + typeParameters(m) + m.getGenericReturnType().getTypeName() + " " + m.getName()
                        + parameters(m.getGenericParameterTypes(), m.isVarArgs())
                        + exceptions(m.getGenericExceptionTypes()));
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f)) {
                lines.add(modifiers(f.getModifiers() & Modifier.fieldModifiers()) + f.getGenericType().getTypeName()
                        + " " + f.getName());
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

    /**
     * A type's line: modifiers, kind, name with type parameters, supertypes. Spelt here rather than by
     * {@link Class#toGenericString()}, whose wording differs between JDK releases (the build runs on several).
     */
    private static String header(Class<?> type) {
        int mod = type.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
                | Modifier.ABSTRACT);
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            mod &= ~(Modifier.ABSTRACT | Modifier.STATIC);
        } else if (type.isInterface()) {
            kind = "interface";
            mod &= ~(Modifier.ABSTRACT | Modifier.STATIC);
        } else if (type.isEnum()) {
            kind = "enum";
            mod &= ~(Modifier.FINAL | Modifier.STATIC | Modifier.ABSTRACT);
        } else if (type.isRecord()) {
            kind = "record";
            mod &= ~(Modifier.FINAL | Modifier.STATIC);
        } else {
            kind = "class";
        }
        StringBuilder b = new StringBuilder(modifiers(mod)).append(type.isSealed() ? "sealed " : "").append(kind)
                .append(' ').append(type.getName()).append(typeParameters(type.getTypeParameters()));
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            b.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0 && !type.isAnnotation()) {
            b.append(type.isInterface() ? " extends " : " implements ").append(names(interfaces, ", "));
        }
        return b.toString();
    }

    private static String modifiers(int mod) {
        String m = Modifier.toString(mod);
        return m.isEmpty() ? "" : m + " ";
    }

    private static String typeParameters(java.lang.reflect.Executable e) {
        String t = typeParameters(e.getTypeParameters());
        return t.isEmpty() ? "" : t + " ";
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (TypeVariable<?> v : variables) {
            Type[] bounds = v.getBounds();
            boolean plain = bounds.length == 1 && bounds[0] == Object.class;
            out.add(v.getName() + (plain ? "" : " extends " + names(bounds, " & ")));
        }
        return "<" + String.join(", ", out) + ">";
    }

    private static String parameters(Type[] types, boolean varArgs) {
        String list = names(types, ", ");
        if (varArgs && list.endsWith("[]")) {
            list = list.substring(0, list.length() - 2) + "...";
        }
        return "(" + list + ")";
    }

    private static String exceptions(Type[] types) {
        return types.length == 0 ? "" : " throws " + names(types, ", ");
    }

    private static String names(Type[] types, String separator) {
        List<String> out = new ArrayList<>();
        for (Type t : types) {
            out.add(t.getTypeName());
        }
        return String.join(separator, out);
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
