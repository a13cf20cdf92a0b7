/**
 * Sanity tests of the deployment files at the repository root (Dockerfile, render.yaml, GitHub workflows) and of
 * the SAM template: they parse, and every command, path, class and route they name exists. No Docker engine runs
 * here, so the image's start command is run directly against the same classes the tests use.
 */
package dev.worklog.deploy;
