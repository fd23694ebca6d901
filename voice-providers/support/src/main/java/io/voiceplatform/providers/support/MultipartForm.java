package io.voiceplatform.providers.support;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A multipart/form-data request body. The parts are kept as given and published one after the other, so an
 * upload of up to 25 MB is never copied into one big array; the length is known, so no chunked encoding.
 */
public final class MultipartForm {
    private static final byte[] CRLF = {'\r', '\n'};

    private final String boundary = "voice-" + UUID.randomUUID();
    private final List<byte[]> pieces = new ArrayList<>();

    public MultipartForm field(String name, String value) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** @param content kept, not copied: the caller must not change it afterwards */
    public MultipartForm file(String name, String filename, String contentType, byte[] content) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        pieces.add(content);
        pieces.add(CRLF);
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public HttpRequest.BodyPublisher publisher() {
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>(pieces.size() + 1);
        pieces.forEach(piece -> parts.add(HttpRequest.BodyPublishers.ofByteArray(piece)));
        parts.add(HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
        return HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private void text(String text) {
        pieces.add(text.getBytes(StandardCharsets.UTF_8));
    }
}
