# syntax=docker/dockerfile:1
#
# The REST server (dev.worklog.server.Main) in a small JRE image.
#
#   docker build -t work-logging-api:local .
#   docker run --env-file .env -p 8000:8000 -v worklog-data:/data work-logging-api:local
#
# Render builds this file (render.yaml); docs/operations.md explains the variables.

# ---- build: the same Maven command as the ./worklog launcher ----------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Maven reads every <module> of the parent pom even with -pl, so every module directory must be here;
# a test (DeploymentFilesTest) checks this list against pom.xml.
COPY pom.xml ./
COPY bom/ bom/
COPY core/ core/
COPY notion/ notion/
COPY llm-claude/ llm-claude/
COPY llm-openai/ llm-openai/
COPY llm-gemini/ llm-gemini/
COPY rest/ rest/
COPY examples/ examples/
# tests are CI's job (.ci/run); javadoc and source jars are for publishing
RUN mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl examples/cli -am package

# ---- run: JRE only, non-root --------------------------------------------------------------------------------------
# Alpine for its size and for busybox wget, which the HEALTHCHECK uses (the JRE images have no curl).
FROM eclipse-temurin:17-jre-alpine
RUN addgroup -S -g 10001 worklog \
 && adduser -S -D -u 10001 -G worklog -h /home/worklog worklog \
 && mkdir -p /data \
 && chown worklog:worklog /data
WORKDIR /app
# the CLI's shaded jar holds the server too (examples/server is a dependency of examples/cli): one artifact
COPY --from=build /src/examples/cli/target/worklog-cli-all.jar /app/worklog.jar
# the server's JVM flags, shared with ./worklog serve and the server benchmark (one flag per line, '#' comments)
COPY --from=build /src/examples/server/jvm.options /app/jvm.options

# PORT: Render sets its own; 8000 otherwise. Everything the app writes lives on the /data volume.
# JVM flags: jvm.options sizes the heap for a 512 MB container (Render's free plan) and below - a small fixed heap,
# the serial collector (no GC threads on a fraction of a CPU), small stacks, capped metaspace and code cache; the
# benchmark measures exactly those flags. JAVA_OPTS comes after them, so it adds to or overrides them
# (docker run -e JAVA_OPTS="-XX:+ExitOnOutOfMemoryError -Xmx256m"). ExitOnOutOfMemoryError ends the process on an
# OutOfMemoryError so that the platform restarts it instead of leaving a half-dead server answering health checks.
ENV PORT=8000 \
    WORKLOG_DATA_DIR=/data/worklog-data \
    LOG_FILE=/data/logs/execution.log \
    WORKLOG_OUTBOX_DIR=/data/outbox \
    JAVA_OPTS="-XX:+ExitOnOutOfMemoryError"
VOLUME ["/data"]
USER worklog
EXPOSE 8000

# /health makes no Notion or LLM call, so probing it often is cheap
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD wget -q -O /dev/null "http://127.0.0.1:${PORT}/health" || exit 1

# exec: java becomes PID 1 and receives SIGTERM itself, so the server shuts down gracefully
# jvm.options is read as ./worklog serve reads it: comments dropped, one flag per line
ENTRYPOINT ["sh", "-c", "exec java $(sed -e 's/#.*//' /app/jvm.options) $JAVA_OPTS -cp /app/worklog.jar dev.worklog.server.Main \"$@\"", "worklog"]
