package io.voiceplatform.core.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.PcmFormat;
import io.voiceplatform.api.VoiceException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes every entry point of the audio layer that takes outside bytes: an upload decoded into a provider's PCM
 * (at 16 kHz mono, and at its own rate), its length read from the container, and a provider's speech re-encoded
 * for the caller. Each decodes, or refuses with a {@link VoiceException} on {@code file} (a 400); never another
 * exception, never a hang, never more output than the cap. Seeds: real files of each format from
 * {@code scripts/audio-samples.sh seeds} in src/test/resources/.../AudioDecoderFuzzTestInputs.
 */
class AudioDecoderFuzzTest {
    private static final long MAX_SAMPLES = 4L << 20;
    private static final AudioDecoder DECODER = new AudioDecoder(MAX_SAMPLES);
    private static final AudioConversion CONVERSION = new AudioConversion();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "audio-fuzz");
        t.setDaemon(true);
        return t;
    });

    static {
        // Unpacking and loading the native libraries takes seconds once; it must not count against the first input.
        Ffmpeg.load();
        new PcmResampler().resample(new Pcm(new short[160], PcmFormat.mono(8_000)), PcmFormat.mono(16_000));
    }

    // No @Timeout: JUnit would apply it to the whole fuzzing run; each input gets its own deadline instead.
    @FuzzTest(maxDuration = "60s")
    void decodesOrRefusesAsBadFile(byte[] file) throws Exception {
        refusedOnFile(() -> {
            Pcm pcm = DECODER.decode(file, Optional.of(PcmFormat.mono(16_000)), () -> false);
            assertEquals(PcmFormat.mono(16_000), pcm.format());
            assertTrue(pcm.samples().length > 0 && pcm.samples().length <= MAX_SAMPLES, pcm.toString());
            return pcm;
        });
        refusedOnFile(() -> {
            Pcm pcm = DECODER.decode(file, Optional.empty(), () -> false);
            assertTrue(pcm.format().channels() <= 8 && pcm.samples().length <= MAX_SAMPLES, pcm.toString());
            return pcm;
        });
        refusedOnFile(() -> {
            Duration length = DECODER.duration(file);
            assertTrue(!length.isNegative(), length.toString());
            return length;
        });
        // Speech a provider sent as WAV, re-encoded as the caller asked: what a broken provider answer does.
        if (file.length >= 12 && file[0] == 'R' && file[8] == 'W') {
            refusedOnFile(() -> CONVERSION.encode(Audio.of(file, AudioFormat.WAV), AudioFormat.OGG_OPUS).join());
        }
    }

    private static void refusedOnFile(Callable<?> work) throws Exception {
        try {
            within(work);
        } catch (VoiceException refused) {
            assertEquals(ErrorKind.INVALID_REQUEST, refused.kind(), refused.getMessage());
            assertEquals(Optional.of("file"), refused.param(), refused.getMessage());
        } catch (java.util.concurrent.CompletionException wrapped) {
            if (!(wrapped.getCause() instanceof VoiceException refused)) {
                throw wrapped;
            }
            assertEquals(ErrorKind.INVALID_REQUEST, refused.kind(), refused.getMessage());
        }
    }

    /** Runs the work under a deadline: an input that makes it loop fails the property instead of stalling the run. */
    private static <T> T within(Callable<T> work) throws Exception {
        Future<T> result = WORKERS.submit(work);
        try {
            return result.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return fail("no answer within 5 s: the input makes it hang");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }
}
