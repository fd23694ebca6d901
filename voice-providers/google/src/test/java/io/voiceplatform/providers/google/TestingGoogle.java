package io.voiceplatform.providers.google;

import io.voiceplatform.providers.support.PcmAudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.providers.testkit.MockProviderServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Google plugin against a mock server, with a canary key; audio and key files made here. */
final class TestingGoogle {
    static final String KEY = "AIza-canary-G7q2Xy9kLmN3pR5";
    static final String CLIENT_EMAIL = "voice-test@voice-platform-test.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestingGoogle() {
    }

    /** A mock Google server, and the plugin's settings for it: enabled, the canary key, a 2 s limit. */
    static MockProviderServer mockServer() {
        return new MockProviderServer(new GooglePlugin(), url -> Map.of(
                "enabled", "true",
                "api-key", KEY,
                "stt-base-url", url,
                "tts-base-url", url,
                "timeout", "2s"));
    }

    /** The JSON body a request carried. */
    static JsonNode body(RecordedRequest request) {
        return body(request.getBody().readUtf8());
    }

    static JsonNode body(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tenth of a second of 16 kHz mono silence, with a WAV header. */
    static Audio wav() {
        return PcmAudio.toWav(pcm());
    }

    static Audio pcm() {
        return Audio.of(new byte[3200], AudioFormat.PCM, 16_000, 1);
    }

    /** A WAV header of any format code and sample size, around {@code dataBytes} of zeros. */
    static Audio wav(int format, int channels, int rate, int bits, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) format).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        return Audio.of(b.array(), AudioFormat.WAV);
    }

    /** The start of a FLAC stream: the marker and a STREAMINFO block (last metadata block), no frames. */
    static Audio flac(int rate, int channels, int bits, long totalSamples) {
        ByteBuffer b = ByteBuffer.allocate(42);
        b.putInt(0x664C6143).put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34);
        b.putShort((short) 4096).putShort((short) 4096).put(new byte[6]);
        b.putLong(((long) rate << 44) | ((long) (channels - 1) << 41) | ((long) (bits - 1) << 36) | totalSamples);
        b.put(new byte[16]);
        return Audio.of(b.array(), AudioFormat.FLAC);
    }

    /** An Ogg stream of two pages: the OpusHead page, and a last page whose granule position ends the audio. */
    static Audio oggOpus(int channels, int inputRate, long lastGranule) {
        ByteBuffer b = ByteBuffer.allocate(2 * 28 + 19 + 3).order(ByteOrder.LITTLE_ENDIAN);
        page(b, 0x02, 0, 19);
        b.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) channels).putShort((short) 312)
                .putInt(inputRate).putShort((short) 0).put((byte) 0);
        page(b, 0x04, lastGranule, 3);
        b.put(new byte[] {1, 2, 3});
        return Audio.of(b.array(), AudioFormat.OGG_OPUS);
    }

    private static void page(ByteBuffer b, int type, long granule, int bodyBytes) {
        b.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) type).putLong(granule)
                .putInt(1).putInt(0).putInt(0).put((byte) 1).put((byte) bodyBytes);
    }

    static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service-account key file as the Cloud console gives it, with its token endpoint at {@code tokenUri}. */
    static Path serviceAccountFile(Path dir, KeyPair keys, String tokenUri) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> file = new LinkedHashMap<>();
        file.put("type", "service_account");
        file.put("project_id", "voice-platform-test");
        file.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
        file.put("private_key", pem);
        file.put("client_email", CLIENT_EMAIL);
        file.put("client_id", "109876543210987654321");
        file.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        file.put("token_uri", tokenUri);
        Path path = dir.resolve("service-account.json");
        Files.write(path, JSON.writeValueAsBytes(file));
        return path;
    }
}
