package io.voiceplatform.providers.elevenlabs;

import io.voiceplatform.providers.support.PcmAudio;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.providers.testkit.MockProviderServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The ElevenLabs plugin against a mock server, with a canary key; audio to send, and the parts of a multipart request. */
final class TestingElevenLabs {
    static final String KEY = "xi-canary-Hk8ZpQ2vW5rT";

    private TestingElevenLabs() {
    }

    /** A mock ElevenLabs server, and the plugin's settings for it: enabled, the canary key, a 2 s limit. */
    static MockProviderServer mockServer() {
        return new MockProviderServer(new ElevenLabsPlugin(), url -> Map.of(
                "enabled", "true",
                "api-key", KEY,
                "base-url", url,
                "stt-models", "scribe_v1,scribe_v2",
                "tts-models", "eleven_multilingual_v2,eleven_flash_v2_5",
                "tts-voice", "george",
                "voices", "george=JBFqnCBsd6RMkjVDRZzb,rachel=21m00Tcm4TlvDq8ikWAM,alloy=21m00Tcm4TlvDq8ikWAM",
                "timeout", "2s"));
    }

    /** One part of a multipart/form-data body: its Content-Disposition and Content-Type, and its bytes. */
    record Part(String disposition, String contentType, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.ISO_8859_1);
        }
    }

    /** The parts of a recorded multipart/form-data request, by name, in order. */
    static Map<String, Part> parts(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        String boundary = "--" + type.substring(type.indexOf("boundary=") + "boundary=".length());
        String body = new String(request.getBody().readByteArray(), StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        for (String chunk : body.split(Pattern.quote(boundary))) {
            int split = chunk.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = chunk.substring(0, split);
            String disposition = header(headers, "Content-Disposition");
            String name = disposition.replaceAll(".*; name=\"([^\"]*)\".*", "$1");
            byte[] content = chunk.substring(split + 4, chunk.length() - 2).getBytes(StandardCharsets.ISO_8859_1);
            parts.put(name, new Part(disposition, header(headers, "Content-Type"), content));
        }
        return parts;
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    /** A tenth of a second of 16 kHz mono silence, with a WAV header. */
    static Audio wav() {
        return PcmAudio.toWav(pcm());
    }

    static Audio pcm() {
        return Audio.of(new byte[3200], AudioFormat.PCM, 16_000, 1);
    }
}
