/**
 * The REST API on AWS Lambda: {@link dev.worklog.lambda.LambdaHandler} turns API Gateway HTTP API events (payload
 * format 2.0) into calls of the server's transport-neutral {@code ApiHandler}, and scheduled EventBridge events
 * into weekly and monthly roll-ups. No AWS SDK and no second implementation of any route.
 */
package dev.worklog.lambda;
