package io.voiceplatform.providers.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.VoiceException;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads a {@code text:synthesize} response, {@code {"audioContent": <base64>}}
 * (https://cloud.google.com/text-to-speech/docs/reference/rest/v1/text/synthesize#response-body), into audio
 * of the format asked for: LINEAR16 arrives as a WAV file, which raw PCM is cut out of with the header's
 * rate and channels.
 */
final class GoogleSpeechReader {
    private GoogleSpeechReader() {
    }

    static SynthesizedSpeech read(JsonNode root, GoogleOutputFormat format) {
        JsonNode content = root.path("audioContent");
        if (!content.isTextual() || content.asText().isEmpty()) {
            throw unreadable("it has no audioContent");
        }
        byte[] bytes = decode(content.asText());
        return switch (format) {
            case WAV -> {
                WavHeader header = wav(bytes);
                yield speech(Audio.of(bytes, AudioFormat.WAV, header.sampleRate(), header.channels()), header.duration());
            }
            case PCM -> {
                WavHeader header = wav(bytes);
                byte[] samples = Arrays.copyOfRange(bytes, header.dataOffset(), header.dataOffset() + header.dataLength());
                yield speech(Audio.of(samples, AudioFormat.PCM, header.sampleRate(), header.channels()), header.duration());
            }
            case MP3 -> speech(Audio.of(bytes, AudioFormat.MP3), Duration.ZERO);
            case OGG_OPUS -> speech(Audio.of(bytes, AudioFormat.OGG_OPUS),
                    OggOpusHeader.read(ByteBuffer.wrap(bytes)).map(OggOpusHeader::duration).orElse(Duration.ZERO));
        };
    }

    private static WavHeader wav(byte[] bytes) {
        return WavHeader.read(ByteBuffer.wrap(bytes))
                .filter(header -> header.format() == WavHeader.PCM && header.bitsPerSample() == 16)
                .orElseThrow(() -> unreadable("its LINEAR16 audio is not a 16-bit PCM WAV file"));
    }

    private static SynthesizedSpeech speech(Audio audio, Duration duration) {
        return new SynthesizedSpeech(audio, duration, GooglePlugin.ID);
    }

    /** Standard base64, as proto3 JSON writes bytes; the URL-safe alphabet is accepted as well. */
    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException again) {
                throw unreadable("its audioContent is not base64");
            }
        }
    }

    private static VoiceException unreadable(String why) {
        return VoiceException.of(ErrorKind.PROVIDER_ERROR, GooglePlugin.ID, "Google's synthesis answer cannot be read: " + why, null);
    }
}
