package dev.tradepulse.http.attack;

import dev.tradepulse.http.HealthServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw-socket helpers for the attack tests: the JDK client will not send the malformed requests
 * these tests need, so they write bytes and parse what comes back by hand. Loopback only.
 */
final class Wire implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    /** A parsed HTTP/1.x response. */
    record Reply(int status, String statusLine, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        String all() {
            return statusLine + "\n" + headers + "\n" + body;
        }
    }

    Socket connect(HealthServer server) throws IOException {
        return connect(server.port());
    }

    Socket connect(int port) throws IOException {
        Socket s = new Socket();
        synchronized (sockets) {
            sockets.add(s);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends the bytes on a new connection and reads one response (by Content-Length or to EOF). */
    Reply send(HealthServer server, String request) throws IOException {
        try (Socket s = connect(server)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return read(s.getInputStream(), false);
        }
    }

    /** Everything the server sends until it closes (or 10 s pass). */
    String sendAndReadAll(HealthServer server, String request) throws IOException {
        try (Socket s = connect(server)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = s.getInputStream().read(buf)) != -1) {
                    out.write(buf, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what arrived so far
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Reads one response from the stream.
     *
     * @param head true if the request was HEAD (no body, whatever Content-Length says)
     */
    static Reply read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String l;
        while ((l = line(in)) != null && !l.isEmpty()) {
            int colon = l.indexOf(':');
            String name = (colon < 0 ? l : l.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : l.substring(colon + 1).trim();
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        String body = "";
        List<String> length = headers.get("content-length");
        List<String> te = headers.get("transfer-encoding");
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        if (head || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = "";
        } else if (length != null) {
            byte[] b = in.readNBytes(Integer.parseInt(length.get(0)));
            body = new String(b, StandardCharsets.UTF_8);
        } else if (te != null && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    break;
                }
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    line(in);
                    break;
                }
                out.write(in.readNBytes(n));
                line(in);
            }
            body = out.toString(StandardCharsets.UTF_8);
        } else {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Reply(status, statusLine, headers, body);
    }

    /** One CRLF-terminated line without its terminator, or null at EOF. */
    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Whether the server closed this socket (EOF or reset) within the socket's read timeout. */
    static boolean closedByServer(Socket s) {
        try {
            while (true) {
                int r = s.getInputStream().read();
                if (r == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() {
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already closed by the server
                }
            }
            sockets.clear();
        }
    }
}
