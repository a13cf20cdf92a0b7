package dev.worklog.server.bench;

/** The baseline for start-up time: a JVM that prints one line and exits. */
public final class Hello {
    private Hello() {
    }

    /** Prints one line. */
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
