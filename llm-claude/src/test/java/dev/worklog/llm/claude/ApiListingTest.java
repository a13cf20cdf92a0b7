package dev.worklog.llm.claude;

import dev.worklog.testing.AbstractApiListingTest;

/** The public API of worklog-llm-claude stays what {@code api/worklog-llm-claude.api} says. */
class ApiListingTest extends AbstractApiListingTest {
    @Override
    protected String artifactId() {
        return "worklog-llm-claude";
    }
}
