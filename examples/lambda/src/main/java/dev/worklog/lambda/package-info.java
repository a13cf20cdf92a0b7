/**
 * The REST API on AWS Lambda: {@link dev.worklog.lambda.LambdaHandler} answers API Gateway HTTP API events (payload
 * format 2.0) with the SDK's transport-neutral {@code WorkLogApi}, and turns scheduled EventBridge events into weekly
 * and monthly roll-ups through it. No AWS SDK and no second implementation of any route.
 */
package dev.worklog.lambda;
