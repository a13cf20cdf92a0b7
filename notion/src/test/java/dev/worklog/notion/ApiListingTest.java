package dev.worklog.notion;

import dev.worklog.testing.AbstractApiListingTest;

/** The public API of worklog-notion stays what {@code api/worklog-notion.api} says. */
class ApiListingTest extends AbstractApiListingTest {
    @Override
    protected String artifactId() {
        return "worklog-notion";
    }
}
