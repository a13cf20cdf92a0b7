package dev.worklog.rest.internal.http;

import dev.worklog.rest.ApiResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/** A complete request handed to the {@link Http1Server.Handler}, answered once with {@link #respond} from any thread. */
public final class Exchange {
    private final Connection conn;
    private final RequestHead head;
    private final byte[] body;
    private final long startNanos;
    private final AtomicBoolean answered = new AtomicBoolean();

    Exchange(Connection conn, RequestHead head, byte[] body, long startNanos) {
        this.conn = conn;
        this.head = head;
        this.body = body;
        this.startNanos = startNanos;
    }

    /** The request's head. */
    public RequestHead head() {
        return head;
    }

    /** The body: at most {@code maxBody + 1} bytes (more means it was larger than allowed). */
    public byte[] body() {
        return body;
    }

    /** When the request's first byte arrived, on the transport's clock. */
    public long startNanos() {
        return startNanos;
    }

    /** Sends the answer (once; later calls do nothing). Closes the connection if the response says so. */
    public void respond(ApiResponse response) {
        if (answered.compareAndSet(false, true)) {
            conn.answerLater(head, response);
        }
    }
}
