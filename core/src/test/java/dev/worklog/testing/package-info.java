/** Test doubles shared by core's tests and, through the test jar, by other modules' tests. */
package dev.worklog.testing;
