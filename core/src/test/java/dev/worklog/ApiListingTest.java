package dev.worklog;

import dev.worklog.testing.AbstractApiListingTest;

/** The public API of worklog-core stays what {@code api/worklog-core.api} says. */
class ApiListingTest extends AbstractApiListingTest {
    @Override
    protected String artifactId() {
        return "worklog-core";
    }
}
