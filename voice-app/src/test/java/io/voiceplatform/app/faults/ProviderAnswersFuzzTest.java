package io.voiceplatform.app.faults;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.TimestampDetail;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import io.voiceplatform.app.TestingBuiltInProviders;
import io.voiceplatform.core.registry.DirectoryPluginSource;
import io.voiceplatform.core.registry.DiscoveredPlugin;
import io.voiceplatform.core.registry.InstalledPlugins;
import io.voiceplatform.core.testing.TestingAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes how every remote provider plugin reads what its server answers: the plugin is loaded from its
 * built-in directory and created through the SPI as the platform does it, and an in-memory transport hands it a fuzzed status, {@code Retry-After} and
 * body. The input's first three bytes choose the plugin and operation, the status and the header; the rest is
 * the body. Whatever comes back, the call ends, within its deadline, in a transcript or speech, or in a
 * {@link VoiceException} that does not show the API key; never another exception (the orchestrator could
 * not tell whether to fall back). Seeds, with each provider's documented answers:
 * src/test/resources/.../ProviderAnswersFuzzTestInputs.
 */
class ProviderAnswersFuzzTest {
    static final List<String> PROVIDERS = List.of("openai", "deepgram", "elevenlabs", "azure", "yandex");
    static final int[] STATUSES = {200, 200, 200, 200, 201, 204, 301, 400, 401, 402, 403, 404, 408, 413, 415, 422, 429, 500, 502, 503};
    static final String[] RETRY_AFTER = {null, "", "0", "7", "-3", "soon", "99999999999999999999",
            "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"};
    private static final String KEY = "sk-canary-answers-Vq81Lw3Zp";
    private static final AnswerTransport TRANSPORT = new AnswerTransport();
    private static final Map<String, SttProvider> STT = new LinkedHashMap<>();
    private static final Map<String, TtsProvider> TTS = new LinkedHashMap<>();
    private static ScheduledExecutorService scheduler;
    private static InstalledPlugins plugins;

    @BeforeAll
    static void createProviders() {
        scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "answers-fuzz-timer");
            t.setDaemon(true);
            return t;
        });
        plugins = InstalledPlugins.discover(List.of(
                DirectoryPluginSource.builtIn(TestingBuiltInProviders.dir(), ProviderAnswersFuzzTest.class.getClassLoader())));
        for (DiscoveredPlugin found : plugins.all()) {
            ProviderPlugin plugin = found.plugin();
            if (!PROVIDERS.contains(plugin.id())) {
                continue;
            }
            Map<String, String> values = new HashMap<>(Map.of("enabled", "true", "api-key", KEY, "timeout", "5s",
                    "base-url", "http://127.0.0.1:9/v1", "stt-base-url", "http://127.0.0.1:9", "tts-base-url", "http://127.0.0.1:9",
                    "region", "westeurope"));
            ProviderContext context = new ProviderContext(new ProviderSettings("voice.providers." + plugin.id(), values), TRANSPORT, scheduler);
            plugin.createStt(context).ifPresent(p -> STT.put(plugin.id(), p));
            plugin.createTts(context).ifPresent(p -> TTS.put(plugin.id(), p));
        }
        assertTrue(STT.keySet().containsAll(PROVIDERS) && TTS.keySet().containsAll(PROVIDERS), "plugins found: " + STT.keySet());
    }

    @AfterAll
    static void closeProviders() {
        STT.values().forEach(SttProvider::close);
        TTS.values().forEach(TtsProvider::close);
        plugins.close();
        scheduler.shutdownNow();
    }

    // No @Timeout: JUnit would apply it to the whole fuzzing run; each call has its own deadline instead.
    @FuzzTest(maxDuration = "60s")
    void everyAnswerEndsInAResultOrAVoiceException(byte[] input) throws Exception {
        if (input.length < 3) {
            return;
        }
        int choice = input[0] & 0xFF;
        String id = PROVIDERS.get(choice % PROVIDERS.size());
        boolean speech = (choice / PROVIDERS.size()) % 2 == 1;
        TimestampDetail detail = TimestampDetail.values()[(choice / (2 * PROVIDERS.size())) % TimestampDetail.values().length];
        TRANSPORT.answer(STATUSES[(input[1] & 0xFF) % STATUSES.length], RETRY_AFTER[(input[2] & 0xFF) % RETRY_AFTER.length],
                Arrays.copyOfRange(input, 3, input.length));
        Object result;
        try {
            CompletionStage<?> call = speech ? TTS.get(id).synthesize(speechRequest(TTS.get(id).capabilities()))
                    : STT.get(id).transcribe(transcription(STT.get(id).capabilities(), detail));
            result = call.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (VoiceException refused) {
            assertKeyHidden(refused);
            return;
        } catch (ExecutionException failed) {
            assertInstanceOf(VoiceException.class, failed.getCause(), id + (speech ? " speech" : " transcription")
                    + " failed with something else than a VoiceException");
            assertKeyHidden((VoiceException) failed.getCause());
            return;
        } catch (TimeoutException e) {
            fail(id + " did not finish within 10 s: the answer makes it hang");
            return;
        }
        if (speech) {
            assertFalse(((SynthesizedSpeech) result).audio().isEmpty(), id + " returned empty speech as a success");
        } else {
            assertTrue(((Transcript) result).text() != null, id);
        }
    }

    private static void assertKeyHidden(VoiceException e) {
        assertFalse(String.valueOf(e.getMessage()).contains(KEY), "the API key is in the error: " + e.getMessage());
    }

    private static TranscriptionRequest transcription(ProviderCapabilities capabilities, TimestampDetail detail) {
        return TranscriptionRequest.of(Audio.of(TestingAudio.wav(0.1, 440), AudioFormat.WAV))
                .withLanguage(capabilities.supportsLanguage("en-US") ? "en-US" : "auto").withTimestampDetail(detail);
    }

    private static SpeechRequest speechRequest(ProviderCapabilities capabilities) {
        AudioFormat format = capabilities.outputFormats().contains(AudioFormat.MP3) ? AudioFormat.MP3
                : capabilities.outputFormats().iterator().next();
        SpeechRequest request = SpeechRequest.of("Hello from the fuzzer.", format);
        return capabilities.supportsLanguage("en-US") ? request.withLanguage("en-US") : request;
    }
}
