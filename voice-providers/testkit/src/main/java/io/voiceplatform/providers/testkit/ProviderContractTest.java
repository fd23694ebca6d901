package io.voiceplatform.providers.testkit;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.HealthProbe;
import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.api.plugin.ProviderContext;
import io.voiceplatform.api.plugin.ProviderPlugin;
import io.voiceplatform.api.plugin.ProviderSettings;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every remote provider plugin keeps, checked against a local {@link MockWebServer} that stands
 * in for the provider. Extend it in the plugin's tests and say how the plugin is configured and what the
 * provider's documented answers look like; the kit then walks: discovery, disabled means nothing is
 * created, no network on creation, consistent capabilities, unsupported input refused before any call,
 * every HTTP error class mapped to its {@link ErrorKind} with the provider's message kept and the key never
 * shown, timeouts, a connection dropped mid-body, an unreadable answer, cancellation reaching the HTTP
 * exchange, {@code close()}, and concurrent use.
 */
@Timeout(30)
public abstract class ProviderContractTest {
    /** The API key the kit configures; it must never appear in an error or a health detail. */
    protected static final String CANARY_KEY = "canary-key-5Fq8Zr2LwX9t";
    /** Put into every error body; the mapped error must keep it, so a user can act on the provider's words. */
    protected static final String PROVIDER_MESSAGE = "contract-kit provider message";
    /** Generous, so that a busy machine's first call (a cold JVM loading the HTTP client) does not pass for a timeout. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** For the check that a provider which never answers times out. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(700);

    protected MockWebServer server;
    private ScheduledExecutorService scheduler;
    private final List<CompletableFuture<?>> exchanges = new ArrayList<>();
    private final List<SpeechProvider> created = new ArrayList<>();

    /** A fresh instance of the plugin under test. */
    protected abstract ProviderPlugin plugin();

    /**
     * The plugin's settings (keys of {@code voice.providers.<id>}) that enable it, point every endpoint it
     * calls at {@code baseUrl}, use {@code apiKey} as its credential and {@code timeout} as the limit of one call.
     */
    protected abstract Map<String, String> settings(String baseUrl, String apiKey, Duration timeout);

    /** The provider's documented answer to a transcription; empty when the plugin offers no STT. */
    protected Optional<MockResponse> transcriptionAnswer() {
        return Optional.empty();
    }

    /** The provider's documented answer to a synthesis; empty when the plugin offers no TTS. */
    protected Optional<MockResponse> speechAnswer() {
        return Optional.empty();
    }

    /** An error answer in the provider's documented shape, carrying {@code message}. */
    protected MockResponse errorAnswer(int status, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"" + message + "\",\"code\":" + status + "}}");
    }

    /** A 2xx synthesis answer the plugin cannot read; empty when every body is audio to the plugin. */
    protected Optional<MockResponse> unreadableSpeechAnswer() {
        return Optional.empty();
    }

    /** A transcription the provider accepts: by default 0.25 s of 16 kHz mono WAV, English. */
    protected TranscriptionRequest transcription(ProviderCapabilities capabilities) {
        return TranscriptionRequest.of(wav16kMono(4000)).withLanguage(capabilities.supportsLanguage("en-US") ? "en-US" : "auto");
    }

    /** A synthesis the provider accepts: short English text, MP3 where offered. */
    protected SpeechRequest speech(ProviderCapabilities capabilities) {
        AudioFormat format = capabilities.outputFormats().contains(AudioFormat.MP3) ? AudioFormat.MP3
                : capabilities.outputFormats().iterator().next();
        SpeechRequest request = SpeechRequest.of("Hello from the provider contract test.", format);
        return capabilities.supportsLanguage("en-US") ? request.withLanguage("en-US") : request;
    }

    @BeforeEach
    final void startProviderServer() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "contract-kit-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    final void stopProviderServer() throws IOException {
        created.forEach(SpeechProvider::close);
        scheduler.shutdownNow();
        server.shutdown();
    }

    // ---- discovery and creation

    @Test
    void pluginIsFoundThroughServiceLoader() {
        String id = plugin().id();
        assertTrue(id.matches("[a-z][a-z0-9-]*"), "a plugin id is lower-case letters, digits and dashes: " + id);
        boolean found = ServiceLoader.load(ProviderPlugin.class).stream().anyMatch(p -> p.type() == plugin().getClass());
        assertTrue(found, "META-INF/services/io.voiceplatform.api.plugin.ProviderPlugin lists " + plugin().getClass().getName());
    }

    @Test
    void disabledCreatesNothing() {
        Map<String, String> values = new HashMap<>(settings(base(), CANARY_KEY, CALL_TIMEOUT));
        values.put("enabled", "false");
        ProviderContext context = context(values);
        assertTrue(plugin().createStt(context).isEmpty(), "enabled = false creates no STT provider");
        assertTrue(plugin().createTts(context).isEmpty(), "enabled = false creates no TTS provider");
    }

    @Test
    void creatingProvidersMakesNoNetworkCall() {
        Optional<SttProvider> stt = stt();
        Optional<TtsProvider> tts = tts();
        assertTrue(stt.isPresent() || tts.isPresent(), "the plugin creates at least one provider when enabled");
        assertEquals(transcriptionAnswer().isPresent(), stt.isPresent(), "an STT provider exactly when the test gives an STT answer");
        assertEquals(speechAnswer().isPresent(), tts.isPresent(), "a TTS provider exactly when the test gives a TTS answer");
        assertEquals(0, server.getRequestCount(), "creating providers reached the network");
    }

    @Test
    void capabilitiesAreConsistent() {
        String id = plugin().id();
        stt().ifPresent(p -> {
            assertEquals(id, p.id());
            assertFalse(p.capabilities().inputFormats().isEmpty(), "an STT provider accepts some input format");
            assertTrue(p.capabilities().maxAudioBytes() > 0, "an STT provider accepts some audio size");
            assertTrue(p.capabilities().models().stream().noneMatch(String::isBlank), "model names are not blank");
        });
        tts().ifPresent(p -> {
            assertEquals(id, p.id());
            assertFalse(p.capabilities().outputFormats().isEmpty(), "a TTS provider produces some output format");
            assertTrue(p.capabilities().maxTextChars() > 0, "a TTS provider accepts some text length");
        });
    }

    // ---- the happy path, and unsupported input refused before the network

    @Test
    void transcribesTheDocumentedAnswer() throws Exception {
        SttProvider stt = sttOrSkip();
        server.enqueue(transcriptionAnswer().orElseThrow());
        var transcript = await(stt.transcribe(transcription(stt.capabilities())));
        assertNotNull(transcript.text());
        assertEquals(1, server.getRequestCount());
        assertFalse(String.valueOf(server.takeRequest().getPath()).contains(CANARY_KEY), "the key is not put into a URL");
    }

    @Test
    void synthesizesTheDocumentedAnswer() throws Exception {
        TtsProvider tts = ttsOrSkip();
        server.enqueue(speechAnswer().orElseThrow());
        SpeechRequest request = speech(tts.capabilities());
        var speech = await(tts.synthesize(request));
        assertTrue(speech.audio().size() > 0, "synthesis gives audio");
        assertEquals(request.outputFormat(), speech.audio().format(), "audio comes in the format asked for");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void refusesAnAudioFormatItDoesNotTakeBeforeAnyCall() {
        SttProvider stt = sttOrSkip();
        Optional<AudioFormat> other = Arrays.stream(AudioFormat.values())
                .filter(f -> !stt.capabilities().inputFormats().contains(f)).findFirst();
        assumeTrue(other.isPresent(), "the provider takes every format");
        Audio audio = Audio.of(wav16kMono(4000).toByteArray(), other.get());
        TranscriptionRequest request = transcription(stt.capabilities()).withAudio(audio);
        assertRefusedBeforeTheNetwork(() -> stt.transcribe(request));
    }

    @Test
    void refusesALanguageItDoesNotServeBeforeAnyCall() {
        SttProvider stt = sttOrSkip();
        assumeTrue(!stt.capabilities().languages().isEmpty(), "the provider serves any language");
        TranscriptionRequest request = transcription(stt.capabilities()).withLanguage("tlh");
        assertRefusedBeforeTheNetwork(() -> stt.transcribe(request));
    }

    @Test
    void refusesAnOutputFormatItDoesNotProduceBeforeAnyCall() {
        TtsProvider tts = ttsOrSkip();
        Optional<AudioFormat> other = Arrays.stream(AudioFormat.values())
                .filter(f -> !tts.capabilities().outputFormats().contains(f)).findFirst();
        assumeTrue(other.isPresent(), "the provider produces every format");
        SpeechRequest request = speech(tts.capabilities()).withOutputFormat(other.get());
        assertRefusedBeforeTheNetwork(() -> tts.synthesize(request));
    }

    private void assertRefusedBeforeTheNetwork(java.util.function.Supplier<CompletionStage<?>> call) {
        VoiceException e = failure(call.get());
        assertTrue(e.kind() == ErrorKind.UNSUPPORTED || e.kind() == ErrorKind.INVALID_REQUEST, "refused as unsupported: " + e.kind());
        assertEquals(0, server.getRequestCount(), "the refusal reached the network");
    }

    // ---- every error class

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"400, INVALID_REQUEST", "401, AUTHENTICATION", "403, AUTHENTICATION", "404, UNSUPPORTED",
            "413, UNSUPPORTED", "422, INVALID_REQUEST", "500, UNAVAILABLE", "502, UNAVAILABLE", "503, UNAVAILABLE"})
    void mapsEachErrorStatus(int status, ErrorKind expected) {
        forEachOperation(call -> {
            server.enqueue(errorAnswer(status, PROVIDER_MESSAGE + " " + CANARY_KEY));
            VoiceException e = failure(call.get());
            assertEquals(expected, e.kind(), "HTTP " + status + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(PROVIDER_MESSAGE), "the provider's own message is kept: " + e.getMessage());
            assertFalse(e.getMessage().contains(CANARY_KEY), "the key leaked into an error");
            assertEquals(plugin().id(), e.provider().orElse(null), "the error names its provider");
        });
    }

    @Test
    void rateLimitKeepsRetryAfter() {
        forEachOperation(call -> {
            server.enqueue(errorAnswer(429, PROVIDER_MESSAGE).setHeader("Retry-After", "7"));
            VoiceException e = failure(call.get());
            assertEquals(ErrorKind.RATE_LIMITED, e.kind());
            assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        });
    }

    @Test
    void rejectedCredentialsShowInHealthWithoutTheKey() {
        forEachProvider((provider, call) -> {
            server.enqueue(errorAnswer(401, PROVIDER_MESSAGE));
            assertEquals(ErrorKind.AUTHENTICATION, failure(call.get()).kind());
            HealthProbe health = await(provider.checkHealth());
            assertFalse(health.up(), "a provider whose key was refused is DOWN until its configuration changes");
            assertFalse(health.detail().isBlank());
            assertFalse(health.detail().contains(CANARY_KEY), "the key leaked into health");
        });
    }

    @Test
    void aProviderThatDoesNotAnswerTimesOut() {
        forEachProvider((provider, call) -> {
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            assertEquals(ErrorKind.TIMEOUT, failure(call.get()).kind());
        }, SHORT_TIMEOUT);
    }

    @Test
    void aConnectionDroppedMidBodyIsUnavailable() {
        forEachProvider((provider, call) -> {
            MockResponse answer = provider instanceof SttProvider ? transcriptionAnswer().orElseThrow() : speechAnswer().orElseThrow();
            server.enqueue(answer.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
            assertEquals(ErrorKind.UNAVAILABLE, failure(call.get()).kind());
        });
    }

    @Test
    void anUnreadableTranscriptionIsAProviderError() {
        SttProvider stt = sttOrSkip();
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"text\": tru"));
        assertEquals(ErrorKind.PROVIDER_ERROR, failure(stt.transcribe(transcription(stt.capabilities()))).kind());
    }

    @Test
    void anUnreadableSpeechAnswerIsAProviderError() {
        TtsProvider tts = ttsOrSkip();
        assumeTrue(unreadableSpeechAnswer().isPresent(), "every body is audio to this plugin");
        server.enqueue(unreadableSpeechAnswer().get());
        assertEquals(ErrorKind.PROVIDER_ERROR, failure(tts.synthesize(speech(tts.capabilities()))).kind());
    }

    // ---- cancellation, close, concurrency

    @Test
    void cancellingACallAbandonsTheExchange() {
        // A call limit far beyond the wait, so that only the cancellation can end the exchange in time.
        forEachProvider((provider, call) -> {
            synchronized (exchanges) {
                exchanges.clear();
            }
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            CompletableFuture<?> pending = call.get().toCompletableFuture();
            waitFor(() -> exchangeCount() > 0, "the call to start its HTTP exchange");
            pending.cancel(true);
            waitFor(() -> firstExchange().isDone(), "cancelling the call to abandon its HTTP exchange");
        }, Duration.ofMinutes(2));
    }

    private int exchangeCount() {
        synchronized (exchanges) {
            return exchanges.size();
        }
    }

    private CompletableFuture<?> firstExchange() {
        synchronized (exchanges) {
            return exchanges.get(0);
        }
    }

    @Test
    void closeIsQuietAndIdempotentAndStopsCalls() {
        forEachProvider((provider, call) -> {
            provider.close();
            provider.close();
            int before = server.getRequestCount();
            VoiceException e = failure(call.get());
            assertNotNull(e.kind());
            assertEquals(before, server.getRequestCount(), "a closed provider reached the network");
        });
    }

    @Test
    void concurrentCallsAreSafe() {
        int calls = 24;
        forEachProvider((provider, call) -> {
            MockResponse answer = provider instanceof SttProvider ? transcriptionAnswer().orElseThrow() : speechAnswer().orElseThrow();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return answer.clone();
                }
            });
            int before = server.getRequestCount();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                all.add(call.get().toCompletableFuture());
            }
            all.forEach(ProviderContractTest::await);
            assertEquals(before + calls, server.getRequestCount());
        });
    }

    // ---- plumbing

    /** A short WAV of 16-bit mono silence at 16 kHz. */
    protected static Audio wav16kMono(int samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        return Audio.of(b.array(), AudioFormat.WAV, 16_000, 1);
    }

    private String base() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private ProviderContext context(Map<String, String> values) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpTransport recording = new HttpTransport() {
            @Override
            public <T> CompletableFuture<java.net.http.HttpResponse<T>> send(java.net.http.HttpRequest request,
                                                                             java.net.http.HttpResponse.BodyHandler<T> handler) {
                CompletableFuture<java.net.http.HttpResponse<T>> exchange = client.sendAsync(request, handler);
                synchronized (exchanges) {
                    exchanges.add(exchange);
                }
                return exchange;
            }
        };
        return new ProviderContext(new ProviderSettings("voice.providers." + plugin().id(), values), recording, scheduler);
    }

    private Optional<SttProvider> stt() {
        return stt(CALL_TIMEOUT);
    }

    private Optional<SttProvider> stt(Duration timeout) {
        Optional<SttProvider> p = plugin().createStt(context(settings(base(), CANARY_KEY, timeout)));
        p.ifPresent(created::add);
        return p;
    }

    private Optional<TtsProvider> tts() {
        return tts(CALL_TIMEOUT);
    }

    private Optional<TtsProvider> tts(Duration timeout) {
        Optional<TtsProvider> p = plugin().createTts(context(settings(base(), CANARY_KEY, timeout)));
        p.ifPresent(created::add);
        return p;
    }

    private SttProvider sttOrSkip() {
        Optional<SttProvider> p = stt();
        assumeTrue(p.isPresent(), "the plugin offers no STT");
        return p.get();
    }

    private TtsProvider ttsOrSkip() {
        Optional<TtsProvider> p = tts();
        assumeTrue(p.isPresent(), "the plugin offers no TTS");
        return p.get();
    }

    private interface Check {
        void run(SpeechProvider provider, java.util.function.Supplier<CompletionStage<?>> call);
    }

    /** Runs a check once for each provider the plugin creates, each with a fresh provider. */
    private void forEachProvider(Check check) {
        forEachProvider(check, CALL_TIMEOUT);
    }

    private void forEachProvider(Check check, Duration timeout) {
        stt(timeout).ifPresent(p -> check.run(p, () -> p.transcribe(transcription(p.capabilities()))));
        tts(timeout).ifPresent(p -> check.run(p, () -> p.synthesize(speech(p.capabilities()))));
    }

    private void forEachOperation(java.util.function.Consumer<java.util.function.Supplier<CompletionStage<?>>> check) {
        forEachProvider((provider, call) -> check.accept(call));
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the call failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the call did not complete within 15 s", e);
        }
    }

    private static VoiceException failure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
            return fail("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return assertInstanceOf(VoiceException.class, e.getCause(), "failures are VoiceExceptions");
        } catch (InterruptedException | TimeoutException e) {
            return fail("the call did not complete within 15 s");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited 5 s for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
