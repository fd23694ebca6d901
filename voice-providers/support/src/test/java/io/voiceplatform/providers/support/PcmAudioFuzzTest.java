package io.voiceplatform.providers.support;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes the WAV conversion that Azure and Yandex run on a caller's upload: it converts to 16 kHz mono or
 * refuses with the {@link IllegalArgumentException} its callers turn into "cannot be converted"; never another
 * exception, never a hang, and never an output out of proportion to the input (a header is not allowed to make
 * it allocate gigabytes). Seeds: src/test/resources/.../PcmAudioFuzzTestInputs.
 */
class PcmAudioFuzzTest {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pcm-fuzz");
        t.setDaemon(true);
        return t;
    });

    // No @Timeout: JUnit would apply it to the whole fuzzing run; each input gets its own deadline instead.
    @FuzzTest(maxDuration = "60s")
    void convertsOrRefusesAsIllegalArgument(byte[] wav) throws Exception {
        Audio converted;
        try {
            converted = within(() -> PcmAudio.toWav16kMono(Audio.of(wav, AudioFormat.WAV)));
        } catch (IllegalArgumentException refused) {
            return;
        }
        ByteBuffer out = converted.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(16_000, out.getInt(24), "sample rate");
        assertEquals(1, out.getShort(22), "channels");
        assertEquals(converted.size() - 44, out.getInt(40), "data size");
        // At least 1 kHz in: at most 16 output samples per input sample, two bytes each.
        assertTrue(converted.size() - 44L <= 16L * wav.length + 2, converted.size() + " bytes out of " + wav.length);
        Duration duration = PcmAudio.duration(converted);
        assertFalse(duration.isNegative(), duration.toString());
        assertFalse(PcmAudio.duration(Audio.of(wav, AudioFormat.WAV)).isNegative(), "duration of the input");
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
