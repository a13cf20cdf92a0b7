package dev.worklog.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard streams with an explicit charset. Java 17 encodes {@code System.out} in the platform
 * charset, which turns Korean text into {@code ?} under a POSIX locale (CI, containers); we use the console's
 * charset on a terminal and UTF-8 when piped, which is what files and other programs expect.
 */
final class Io {
    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    Io(BufferedReader in, PrintWriter out, PrintWriter err, boolean terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** The real stdin, stdout and stderr. */
    static Io system() {
        Console console = System.console();
        Charset charset = console != null ? console.charset() : StandardCharsets.UTF_8;
        BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in), charset));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset), true);
        return new Io(in, out, err, console != null);
    }

    BufferedReader in() {
        return in;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Whether stdin and stdout are a terminal, i.e. a person can answer prompts. */
    boolean isTerminal() {
        return terminal;
    }

    /** One line of stdin, or {@code null} at end of input. */
    String readLine() {
        try {
            out.flush();
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    /**
     * One line of stdin with echo off on a terminal (a secret: it must not stay on the screen or in a terminal
     * recording), or a plain line when stdin is piped; {@code null} at end of input.
     */
    String readSecret(String prompt) {
        Console console = terminal ? System.console() : null;
        if (console == null) {
            out.print(prompt);
            return readLine();
        }
        out.flush();
        char[] typed = console.readPassword("%s", prompt);
        return typed == null ? null : new String(typed);
    }

    /** The rest of stdin, but at most {@code max} characters (a caller that gets {@code max} knows it is too much). */
    String readAll(int max) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; text.length() < max && (n = in.read(buffer, 0, Math.min(buffer.length, max - text.length())))
                    >= 0; ) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
        return text.toString();
    }

    void flush() {
        out.flush();
        err.flush();
    }
}
