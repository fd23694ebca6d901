package io.voiceplatform.providers.local;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes the WAV reader of the embedded provider with what a caller may upload: it decodes, or refuses with a
 * {@link VoiceException} the API turns into a 400; never another exception, never a hang, and never more
 * samples than the bytes can hold (a header claiming 4 GB reads what is there). The provider then resamples
 * to 16 kHz, so that is fuzzed too. Seeds: src/test/resources/.../WavCodecFuzzTestInputs.
 */
class WavCodecFuzzTest {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wav-fuzz");
        t.setDaemon(true);
        return t;
    });

    // No @Timeout: JUnit would apply it to the whole fuzzing run; each input gets its own deadline instead.
    @FuzzTest(maxDuration = "60s")
    void decodesOrRefusesAsBadInput(byte[] wav) throws Exception {
        Pcm16 pcm;
        try {
            pcm = within(() -> WavCodec.read(wav));
        } catch (VoiceException refused) {
            assertTrue(Set.of(ErrorKind.INVALID_REQUEST, ErrorKind.UNSUPPORTED).contains(refused.kind()), refused.kind().name());
            return;
        }
        assertTrue(pcm.samples().length <= wav.length, pcm.samples().length + " samples out of " + wav.length + " bytes");
        assertTrue(pcm.sampleRate() >= 1000 && pcm.sampleRate() <= 384_000, "rate " + pcm.sampleRate());
        Pcm16 resampled = within(() -> pcm.resample(SphinxRecognizer.SAMPLE_RATE));
        long bound = (long) pcm.samples().length * SphinxRecognizer.SAMPLE_RATE / pcm.sampleRate() + 1;
        assertTrue(resampled.samples().length <= bound, resampled.samples().length + " > " + bound);
    }

    /** Runs the work under a deadline: an input that makes it loop fails the property instead of stalling the run. */
    private static <T> T within(java.util.concurrent.Callable<T> work) throws Exception {
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
