package dev.tradepulse.test.kit;

import dev.tradepulse.api.support.Threads;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP/1.1 server on 127.0.0.1, on a raw {@link ServerSocket}, playing a provider: it
 * records every request exactly and answers with scripted replies (the last one repeats). Besides
 * ordinary answers it plays the hostile providers a sink must survive: one that hangs, one that
 * sends an endless body, one that drips its body a byte at a time, one that resets the connection.
 * Every answer closes its connection.
 *
 * <p>Thread-safe: scripting ({@link #reply}) and reading ({@link #take}) may happen on any thread
 * while the server's own daemon threads ({@code tradepulse-loopback-provider-n}) answer. Close it
 * after each test; {@link #close()} is idempotent, never throws and waits at most a second.
 */
public final class LoopbackServer implements AutoCloseable {

    /** How much of an endless body the server sends at most before giving up on a client that keeps reading. */
    public static final long HUGE_BODY_LIMIT = 512L * 1024 * 1024;

    /**
     * One request as received.
     *
     * @param method the HTTP method
     * @param path the path, without the query
     * @param headers the headers, names case-insensitive, repeated ones joined with commas
     * @param body the body, decoded as UTF-8
     */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    /** How a reply misbehaves. */
    public enum Mode {
        /** An ordinary answer. */
        NORMAL,
        /** Waits until the server is closed, then answers. */
        HANG,
        /** Sends the status and headers, then a chunked body until the client hangs up. */
        HUGE_BODY,
        /** Sends the status and headers, then one body byte per {@link #DRIP_INTERVAL}. */
        DRIP,
        /** Reads the request, then resets the connection (TCP RST) without answering. */
        RESET
    }

    /** The pause between two bytes of a {@link Mode#DRIP} body. */
    public static final Duration DRIP_INTERVAL = Duration.ofMillis(200);

    /**
     * One scripted answer.
     *
     * @param status the HTTP status
     * @param headers extra response headers
     * @param body the body for an ordinary answer
     * @param mode how the answer misbehaves
     */
    public record Reply(int status, Map<String, String> headers, String body, Mode mode) {

        /**
         * An ordinary answer with an empty body.
         *
         * @param status the HTTP status
         * @return the reply
         */
        public static Reply of(int status) {
            return new Reply(status, Map.of(), "", Mode.NORMAL);
        }

        /**
         * An ordinary answer.
         *
         * @param status the HTTP status
         * @param headers extra response headers
         * @param body the body
         * @return the reply
         */
        public static Reply of(int status, Map<String, String> headers, String body) {
            return new Reply(status, headers, body, Mode.NORMAL);
        }

        /**
         * An answer that only comes when the server is closed.
         *
         * @return the reply
         */
        public static Reply hanging() {
            return new Reply(200, Map.of(), "", Mode.HANG);
        }

        /**
         * A status followed by a body that never ends (up to {@link #HUGE_BODY_LIMIT}).
         *
         * @param status the HTTP status
         * @return the reply
         */
        public static Reply hugeBody(int status) {
            return new Reply(status, Map.of("Content-Type", "application/json"), "", Mode.HUGE_BODY);
        }

        /**
         * A status followed by a body of a million bytes, sent one byte at a time.
         *
         * @param status the HTTP status
         * @return the reply
         */
        public static Reply drip(int status) {
            return new Reply(status, Map.of("Content-Type", "application/json"), "", Mode.DRIP);
        }

        /**
         * No answer: the connection is reset once the request is read.
         *
         * @return the reply
         */
        public static Reply reset() {
            return new Reply(0, Map.of(), "", Mode.RESET);
        }

        /**
         * {@code 429 Too Many Requests} asking for a day's wait, in the header and in the JSON body
         * as Telegram and Discord do.
         *
         * @return the reply
         */
        public static Reply retryAfterADay() {
            return of(429, Map.of("Retry-After", "86400", "Content-Type", "application/json"),
                    "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 86400\","
                            + "\"parameters\":{\"retry_after\":86400},\"retry_after\":86400}");
        }
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private final BlockingQueue<Long> hostileEnded = new LinkedBlockingQueue<>();
    private volatile Reply last = Reply.of(200);
    private volatile boolean closed;

    private final ThreadFactory connections = Threads.daemon("loopback-provider");

    /**
     * Starts the server on an ephemeral port of 127.0.0.1.
     *
     * @throws IOException if no port can be bound
     */
    public LoopbackServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Threads.daemonThread("loopback-provider-accept", this::accept);
        acceptor.start();
    }

    /**
     * The address of a path on this server.
     *
     * @param path the path, starting with '/'
     * @return {@code http://127.0.0.1:<port><path>}
     */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    /**
     * Scripts the next answers, in order; the last one given repeats once the script runs out.
     *
     * @param replies the answers
     * @return this server
     */
    public LoopbackServer reply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /**
     * The next request, waiting up to 10 seconds for it.
     *
     * @return the request
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if none arrived within 10 seconds
     */
    public Request take() throws InterruptedException {
        Request r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived within 10 s");
        }
        return r;
    }

    /**
     * How many requests arrived that {@link #take()} has not yet returned.
     *
     * @return the count
     */
    public int received() {
        return requests.size();
    }

    /**
     * Body bytes sent so far by huge and dripping replies.
     *
     * @return the bytes
     */
    public long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    /**
     * Waits until a huge or dripping reply has stopped sending, because the client hung up or
     * the body ended, and says how many body bytes it had sent by then.
     *
     * @param timeout how long to wait
     * @return the bytes sent
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if the reply is still sending after the timeout
     */
    public long awaitHostileReplyEnded(Duration timeout) throws InterruptedException {
        Long sent = hostileEnded.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (sent == null) {
            throw new AssertionError("the client was still reading the hostile reply after " + timeout
                    + " (" + bodyBytesSent() + " body bytes sent)");
        }
        return sent;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.newThread(() -> serve(socket)).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Request request = read(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            Reply reply = script.poll();
            if (reply == null) {
                reply = last;
            } else {
                last = reply;
            }
            OutputStream out = socket.getOutputStream();
            switch (reply.mode()) {
                case RESET -> {
                    socket.setSoLinger(true, 0); // close() now sends RST
                    return;
                }
                case HANG -> {
                    release.await();
                    answer(out, reply);
                }
                case NORMAL -> answer(out, reply);
                case HUGE_BODY -> hugeBody(out, reply);
                case DRIP -> drip(out, reply);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        } finally {
            open.remove(socket);
        }
    }

    private static @Nullable Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.merge(h.substring(0, colon).trim(), h.substring(colon + 1).trim(), (a, b) -> a + "," + b);
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("Transfer-Encoding", ""))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                b.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            body = b.toByteArray();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0").trim()));
        }
        String path = URI.create(parts.length > 1 ? parts[1] : "/").getPath();
        return new Request(parts[0], path, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) {
            throw new IOException("the body ended inside its chunked framing");
        }
        return Integer.parseInt(line.trim(), 16);
    }

    /** One header line without its CRLF; null at end of stream. */
    private static @Nullable String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void head(OutputStream out, Reply reply, String framing) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(' ')
                .append(reason(reply.status())).append("\r\n");
        reply.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append(framing).append("Connection: close\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void answer(OutputStream out, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        boolean noBody = reply.status() == 204 || reply.status() == 304 || reply.status() < 200;
        head(out, reply, noBody ? "" : "Content-Length: " + body.length + "\r\n");
        if (!noBody) {
            out.write(body);
        }
        out.flush();
    }

    private void hugeBody(OutputStream out, Reply reply) {
        long sent = 0;
        try {
            head(out, reply, "Transfer-Encoding: chunked\r\n");
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
            while (sent < HUGE_BODY_LIMIT && !closed) {
                out.write(size);
                out.write(chunk);
                out.write(crlf);
                sent += chunk.length;
                bodyBytesSent.addAndGet(chunk.length);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the client hung up: what a bounded reader does
        } finally {
            hostileEnded.add(sent);
        }
    }

    private void drip(OutputStream out, Reply reply) throws InterruptedException {
        long sent = 0;
        try {
            int length = 1_000_000;
            head(out, reply, "Content-Length: " + length + "\r\n");
            out.flush();
            while (sent < length && !release.await(DRIP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                out.write(' ');
                out.flush();
                sent++;
                bodyBytesSent.incrementAndGet();
            }
        } catch (IOException e) {
            // the client hung up
        } finally {
            hostileEnded.add(sent);
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** Stops the server: hanging answers are released, open connections closed. Idempotent. */
    @Override
    public void close() {
        closed = true;
        release.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
