package io.voiceplatform.core.pipeline;

import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.core.audio.AudioFormatDetector;
import io.voiceplatform.core.audio.WavData;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Step 7, the provider call, ends by checking the answer: speech must be audio in the format asked for (by what
 * the provider says and by its bytes' signature), of a plausible size, and WAV or PCM must hold at least one
 * sample. An upstream that answers 200 with an HTML page, a JSON error or a truncated file is a provider error,
 * so the chain falls back and nothing unchecked reaches a caller or a cache.
 */
final class SpeechAnswerCheck {
    /** The smallest compressed answer that can hold any speech at all: container headers and a frame or two. */
    static final int MIN_COMPRESSED_BYTES = 128;

    private SpeechAnswerCheck() {
    }

    static SynthesizedSpeech checked(AudioFormat asked, SynthesizedSpeech speech) {
        AudioFormat declared = speech.audio().format();
        if (declared != asked) {
            throw refused(speech, "answered " + declared.id() + " audio to a request for " + asked.id());
        }
        ByteBuffer bytes = speech.audio().asByteBuffer();
        switch (asked) {
            case PCM -> {
                if (bytes.remaining() < 2 || bytes.remaining() % 2 != 0) {
                    throw refused(speech, "answered " + bytes.remaining() + " bytes of 16-bit PCM: no whole sample");
                }
            }
            case WAV -> {
                signature(speech, asked, bytes);
                if (WavData.sampleBytes(bytes) < 2) {
                    throw refused(speech, "answered a WAV file without samples");
                }
            }
            default -> {
                signature(speech, asked, bytes);
                if (bytes.remaining() < MIN_COMPRESSED_BYTES) {
                    throw refused(speech, "answered only " + bytes.remaining() + " bytes of " + asked.id() + " audio");
                }
            }
        }
        return speech;
    }

    private static void signature(SynthesizedSpeech speech, AudioFormat asked, ByteBuffer bytes) {
        byte[] head = new byte[Math.min(bytes.remaining(), AudioFormatDetector.HEAD_BYTES)];
        bytes.duplicate().get(head);
        Optional<AudioFormat> detected = AudioFormatDetector.detect(head);
        if (detected.isEmpty() || detected.get() != asked) {
            throw refused(speech, "answered bytes that are not " + asked.id() + " audio"
                    + detected.map(found -> " (they are " + found.id() + ")").orElse(""));
        }
    }

    private static VoiceException refused(SynthesizedSpeech speech, String what) {
        return VoiceException.of(ErrorKind.PROVIDER_ERROR, speech.provider(), speech.provider() + " " + what, null);
    }
}
