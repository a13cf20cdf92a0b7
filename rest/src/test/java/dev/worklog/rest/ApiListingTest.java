package dev.worklog.rest;

import dev.worklog.testing.AbstractApiListingTest;

/** The public API of worklog-rest stays what {@code api/worklog-rest.api} says. */
class ApiListingTest extends AbstractApiListingTest {
    @Override
    protected String artifactId() {
        return "worklog-rest";
    }
}
