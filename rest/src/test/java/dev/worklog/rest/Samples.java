package dev.worklog.rest;

/** Request bodies shared by the tests (and, through the test jar, the server's process tests). */
public final class Samples {
    public static final String CONTEXT = "### Situation\\nSearch was slow\\n### Task\\nCut p99\\n### Action\\n- added a cache\\n"
            + "### Result\\np99 800 ms -> 120 ms";

    public static final String VALID = "{\"title\":\"Cut p99 latency of search\",\"context\":\"" + CONTEXT + "\","
            + "\"category\":\"성능개선\",\"impact_level\":\"High\",\"tech_stack\":[\"Java\",\"Redis\"],"
            + "\"logged_date\":\"2026-11-24\",\"metrics\":\"p99 -85%\",\"ticket_url\":\"https://jira.example.com/T-1\"}";

    private Samples() {
    }

    /** A valid body with another title (and date), for distinct entries. */
    public static String valid(String title, String date) {
        return VALID.replace("Cut p99 latency of search", title).replace("2026-11-24", date);
    }
}
