package io.voiceplatform.app.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 connection over a plain socket, for requests an HTTP client would refuse to send or would
 * correct: a Content-Length that lies, a body dripped byte by byte, bytes after the declared end.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        this(port, "127.0.0.1");
    }

    /** @param from the client's own address: another loopback address (127.0.0.2) is another client */
    public RawHttp(int port, String from) throws IOException {
        socket = new Socket("127.0.0.1", port, InetAddress.getByName(from), 0);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A response as it came off the wire. */
    public record Response(int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next response, or empty when the server closed the connection without one. */
    public Optional<Response> read(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        String statusLine;
        try {
            statusLine = line();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer and no close within " + wait + ": the connection hangs", e);
        } catch (IOException reset) {
            return Optional.empty();
        }
        if (statusLine == null) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.writeBytes(in.readNBytes(size));
                line();
            }
            line();
        }
        return Optional.of(new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8)));
    }

    /** Whether the server has closed its side: end of stream (or a reset) within the wait. */
    public boolean closedWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            while (in.read() != -1) {
                // Drain whatever is still coming.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
