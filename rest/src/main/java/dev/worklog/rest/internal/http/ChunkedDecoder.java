package dev.worklog.rest.internal.http;

import java.io.ByteArrayOutputStream;

/**
 * Decodes a {@code Transfer-Encoding: chunked} body as its bytes arrive, strictly (RFC 9112 §7.1): a chunk size is
 * 1 to 16 hex digits, optionally followed by extensions (ignored); chunk data is followed by CRLF (or a bare LF);
 * trailer fields are read and dropped. Anything else is an {@link HttpProtocolException} (400). Decoded data beyond
 * {@code keep} bytes is counted but not kept, so a too-large body is recognised without being buffered.
 */
final class ChunkedDecoder {
    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILERS = 8192;

    private enum State { SIZE, DATA, DATA_END, TRAILER, DONE }

    private final ByteArrayOutputStream kept;
    private final int keep;
    private State state = State.SIZE;
    private long remaining;
    private long total;
    private int trailerBytes;
    private boolean pendingCr;
    private final StringBuilder line = new StringBuilder();

    /**
     * @param kept where the first {@code keep} decoded bytes go
     * @param keep how many decoded bytes to keep
     */
    ChunkedDecoder(ByteArrayOutputStream kept, int keep) {
        this.kept = kept;
        this.keep = keep;
    }

    /** Whether the last chunk and the trailers were read. */
    boolean done() {
        return state == State.DONE;
    }

    /** Decoded bytes so far, kept or not. */
    long total() {
        return total;
    }

    /**
     * Decodes what it can of {@code b[from, to)}.
     *
     * @return how many bytes were consumed (all of them unless the body ended before {@code to})
     * @throws HttpProtocolException (400) when the framing is malformed
     */
    int feed(byte[] b, int from, int to) throws HttpProtocolException {
        int i = from;
        while (i < to && state != State.DONE) {
            if (pendingCr && b[i] != '\n') {
                throw new HttpProtocolException(400, "a bare carriage return in the chunked framing");
            }
            pendingCr = false;
            switch (state) {
                case SIZE, TRAILER -> {
                    byte c = b[i++];
                    if (c == '\n') {
                        endLine();
                    } else if (c == '\r') {
                        pendingCr = true; // must be followed by LF, perhaps in the next read
                    } else {
                        line.append((char) (c & 0xff));
                        if (line.length() > MAX_LINE) {
                            throw new HttpProtocolException(400, "a chunk-size line is too long");
                        }
                        if (state == State.TRAILER && ++trailerBytes > MAX_TRAILERS) {
                            throw new HttpProtocolException(400, "the chunked trailers are too long");
                        }
                    }
                }
                case DATA -> {
                    int n = (int) Math.min(remaining, to - i);
                    int room = (int) Math.max(0, Math.min(n, keep - total));
                    if (room > 0) {
                        kept.write(b, i, room);
                    }
                    total += n;
                    remaining -= n;
                    i += n;
                    if (remaining == 0) {
                        state = State.DATA_END;
                    }
                }
                case DATA_END -> {
                    byte c = b[i++];
                    if (c == '\n') {
                        state = State.SIZE;
                    } else if (c == '\r') {
                        pendingCr = true;
                    } else {
                        throw new HttpProtocolException(400, "chunk data is not followed by a line break");
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return i - from;
    }

    private void endLine() throws HttpProtocolException {
        String l = line.toString();
        line.setLength(0);
        if (state == State.TRAILER) {
            if (l.isEmpty()) {
                state = State.DONE;
            }
            return;
        }
        int semi = l.indexOf(';');
        String hex = semi < 0 ? l : l.substring(0, semi);
        hex = hex.stripTrailing();
        if (hex.isEmpty() || hex.length() > 16) {
            throw new HttpProtocolException(400, "invalid chunk size");
        }
        long size = 0;
        for (int k = 0; k < hex.length(); k++) {
            int d = Character.digit(hex.charAt(k), 16);
            if (d < 0) {
                throw new HttpProtocolException(400, "invalid chunk size");
            }
            size = size * 16 + d;
        }
        if (size < 0) {
            throw new HttpProtocolException(400, "invalid chunk size");
        }
        if (size == 0) {
            state = State.TRAILER;
        } else {
            remaining = size;
            state = State.DATA;
        }
    }
}
