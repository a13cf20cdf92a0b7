package dev.worklog.llm.gemini;

import dev.worklog.testing.AbstractApiListingTest;

/** The public API of worklog-llm-gemini stays what {@code api/worklog-llm-gemini.api} says. */
class ApiListingTest extends AbstractApiListingTest {
    @Override
    protected String artifactId() {
        return "worklog-llm-gemini";
    }
}
