package dev.worklog.llm.openai;

import dev.worklog.testing.AbstractApiListingTest;

/** The public API of worklog-llm-openai stays what {@code api/worklog-llm-openai.api} says. */
class ApiListingTest extends AbstractApiListingTest {
    @Override
    protected String artifactId() {
        return "worklog-llm-openai";
    }
}
