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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * The contract every remote provider plugin keeps, checked against a local {@link MockWebServer} that stands
 * in for the provider. Extend it in the plugin's tests and say how the plugin is configured and what the
 * provider's documented answers look like; the kit then walks: discovery, disabled means nothing is
 * created, no network on creation, consistent capabilities, a missing credential, unsupported input refused
 * before any call, a table of error answers (every status class, and the provider's documented error bodies)
 * each mapped to its {@link ErrorKind} with the provider's message kept, the key never shown and health DOWN
 * only for a refused credential, timeouts, a dropped or refused connection, empty and unreadable answers,
 * cancellation reaching the HTTP exchange, {@code close()}, and concurrent use.
 */
@Timeout(30)
public abstract class ProviderContractTest {
    /** The API key the kit configures; it must never appear in an error or a health detail. */
    protected static final String CANARY_KEY = "canary-key-5Fq8Zr2LwX9t";
    /** Put into every error body of the status table; the mapped error must keep it. */
    protected static final String PROVIDER_MESSAGE = "contract-kit provider message";
    /** Generous, so that a busy machine's first call (a cold JVM loading the HTTP client) does not pass for a timeout. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** For the check that a provider which never answers times out. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(700);
    /** What each status means when the provider's body says nothing else. */
    private static final Map<Integer, ErrorKind> STATUS_KINDS = Map.ofEntries(Map.entry(400, ErrorKind.INVALID_REQUEST),
            Map.entry(401, ErrorKind.AUTHENTICATION), Map.entry(403, ErrorKind.AUTHENTICATION), Map.entry(404, ErrorKind.UNSUPPORTED),
            Map.entry(413, ErrorKind.UNSUPPORTED), Map.entry(415, ErrorKind.UNSUPPORTED), Map.entry(422, ErrorKind.INVALID_REQUEST),
            Map.entry(429, ErrorKind.RATE_LIMITED), Map.entry(500, ErrorKind.UNAVAILABLE), Map.entry(502, ErrorKind.UNAVAILABLE),
            Map.entry(503, ErrorKind.UNAVAILABLE));

    protected MockWebServer server;
    private ScheduledExecutorService scheduler;
    /** The transport handed to the plugin: a real HTTP client, which a check may stub to hold an exchange open. */
    private HttpTransport transport;
    private final List<SpeechProvider> created = new ArrayList<>();

    /** A fresh instance of the plugin under test. */
    protected abstract ProviderPlugin plugin();

    /**
     * The plugin's settings (keys of {@code voice.providers.<id>}) that enable it, point every endpoint it
     * calls at {@code baseUrl}, use {@code apiKey} as its only credential and {@code timeout} as the limit of one call.
     */
    protected abstract Map<String, String> settings(String baseUrl, String apiKey, Duration timeout);

    /**
     * The settings without the credential, for the check that such a provider is DOWN and calls nothing; by default
     * {@link #settings} with an empty key. A plugin whose credential is optional for some servers points this at a
     * server that needs one.
     */
    protected Map<String, String> settingsWithoutCredential(String baseUrl, Duration timeout) {
        return settings(baseUrl, "", timeout);
    }

    /** The provider's documented answer to a transcription; empty when the plugin offers no STT. */
    protected Optional<MockResponse> transcriptionAnswer() {
        return Optional.empty();
    }

    /** The provider's documented answer to a synthesis; empty when the plugin offers no TTS. */
    protected Optional<MockResponse> speechAnswer() {
        return Optional.empty();
    }

    /** An error answer in the provider's documented shape, carrying {@code message}: the body of the status table. */
    protected MockResponse errorAnswer(int status, String message) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"" + message + "\",\"code\":" + status + "}}");
    }

    /**
     * The provider's documented error answers, kept as fixtures beside the plugin's tests: each is fed to every
     * provider the plugin creates, after the kit's own status table.
     */
    protected List<DocumentedError> documentedErrors() {
        return List.of();
    }

    /** A 2xx synthesis answer the plugin cannot read; empty when every non-empty body is audio to the plugin. */
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
        server.start(InetAddress.getLoopbackAddress(), 0);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "contract-kit-timer");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        transport = mock(HttpTransport.class);
        doAnswer(call -> client.sendAsync(call.<HttpRequest>getArgument(0), call.<HttpResponse.BodyHandler<?>>getArgument(1)))
                .when(transport).send(any(), any());
    }

    @AfterEach
    final void stopProviderServer() throws IOException {
        created.forEach(SpeechProvider::close);
        scheduler.shutdownNow();
        server.shutdown();
    }

    // ---- discovery, creation, credentials

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
        Optional<SttProvider> stt = stt(CALL_TIMEOUT);
        Optional<TtsProvider> tts = tts(CALL_TIMEOUT);
        assertTrue(stt.isPresent() || tts.isPresent(), "the plugin creates at least one provider when enabled");
        assertEquals(transcriptionAnswer().isPresent(), stt.isPresent(), "an STT provider exactly when the test gives an STT answer");
        assertEquals(speechAnswer().isPresent(), tts.isPresent(), "a TTS provider exactly when the test gives a TTS answer");
        assertEquals(0, server.getRequestCount(), "creating providers reached the network");
    }

    @Test
    void capabilitiesAreConsistent() {
        String id = plugin().id();
        stt(CALL_TIMEOUT).ifPresent(p -> {
            assertEquals(id, p.id());
            assertFalse(p.capabilities().inputFormats().isEmpty(), "an STT provider accepts some input format");
            assertTrue(p.capabilities().maxAudioBytes() > 0, "an STT provider accepts some audio size");
            assertTrue(p.capabilities().models().stream().noneMatch(String::isBlank), "model names are not blank");
        });
        tts(CALL_TIMEOUT).ifPresent(p -> {
            assertEquals(id, p.id());
            assertFalse(p.capabilities().outputFormats().isEmpty(), "a TTS provider produces some output format");
            assertTrue(p.capabilities().maxTextChars() > 0, "a TTS provider accepts some text length");
        });
    }

    @Test
    void withoutACredentialItIsDownNamingTheSettingAndCallsNothing() {
        ProviderContext context = context(settingsWithoutCredential(base(), CALL_TIMEOUT));
        List<Call> calls = new ArrayList<>();
        plugin().createStt(context).ifPresent(p -> calls.add(new Call(p, () -> p.transcribe(transcription(p.capabilities())))));
        plugin().createTts(context).ifPresent(p -> calls.add(new Call(p, () -> p.synthesize(speech(p.capabilities())))));
        for (Call call : calls) {
            created.add(call.provider());
            HealthProbe health = await(call.provider().checkHealth());
            assertFalse(health.up(), "a provider without its credential is DOWN");
            assertTrue(health.detail().contains("voice.providers." + plugin().id() + "."), "the reason names the setting: " + health.detail());
            assertEquals(ErrorKind.AUTHENTICATION, failure(call.request().get()).kind());
        }
        assertEquals(0, server.getRequestCount(), "a call without a credential reached the network");
    }

    @Test
    void theKeyShowsInNoDescription() {
        ProviderContext context = context(settings(base(), CANARY_KEY, CALL_TIMEOUT));
        assertFalse(context.settings().toString().contains(CANARY_KEY), "the settings print the key");
        plugin().createStt(context).ifPresent(p -> assertFalse(p.toString().contains(CANARY_KEY), "the STT provider prints the key"));
        plugin().createTts(context).ifPresent(p -> assertFalse(p.toString().contains(CANARY_KEY), "the TTS provider prints the key"));
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
    void synthesizesTheDocumentedAnswer() {
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

    private void assertRefusedBeforeTheNetwork(Supplier<CompletionStage<?>> call) {
        VoiceException e = failure(call.get());
        assertTrue(e.kind() == ErrorKind.UNSUPPORTED || e.kind() == ErrorKind.INVALID_REQUEST, "refused as unsupported: " + e.kind());
        assertEquals(0, server.getRequestCount(), "the refusal reached the network");
    }

    // ---- error answers, and failures of the exchange

    /** The status table in the plugin's error shape, then the provider's documented error answers, for each provider. */
    @TestFactory
    Stream<DynamicTest> mapsEachErrorAnswer() {
        List<ErrorAnswer> table = new ArrayList<>();
        STATUS_KINDS.keySet().stream().sorted().forEach(status -> table.add(new ErrorAnswer("HTTP " + status, () -> {
            MockResponse answer = errorAnswer(status, PROVIDER_MESSAGE + " " + CANARY_KEY);
            return status == 429 ? answer.setHeader("Retry-After", "7") : answer;
        }, STATUS_KINDS.get(status), PROVIDER_MESSAGE, Optional.of(Duration.ofSeconds(7)).filter(d -> status == 429))));
        for (DocumentedError error : documentedErrors()) {
            table.add(new ErrorAnswer("HTTP " + error.status() + " " + error.fixture(), () -> {
                MockResponse answer = MockProviderServer.json(error.status(), error.fixture());
                return error.retryAfter().map(wait -> answer.setHeader("Retry-After", wait.toSeconds())).orElse(answer);
            }, error.kind(), error.says(), error.retryAfter()));
        }
        return table.stream().flatMap(answer -> operations().map(operation -> DynamicTest.dynamicTest(
                answer.name() + " -> " + answer.kind() + " (" + operation + ")", () -> assertMapped(answer, call(operation, CALL_TIMEOUT)))));
    }

    private void assertMapped(ErrorAnswer answer, Call call) {
        server.enqueue(answer.response().get());
        VoiceException e = failure(call.request().get());
        assertEquals(answer.kind(), e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(answer.says()), "the provider's own message is kept: " + e.getMessage());
        assertFalse(e.getMessage().contains(CANARY_KEY), "the key leaked into an error");
        assertEquals(plugin().id(), e.provider().orElse(null), "the error names its provider");
        answer.retryAfter().ifPresent(wait -> assertEquals(Optional.of(wait), e.retryAfter(), "Retry-After is kept"));
        HealthProbe health = await(call.provider().checkHealth());
        assertFalse(health.detail().contains(CANARY_KEY), "the key leaked into health");
        if (answer.kind() == ErrorKind.AUTHENTICATION) {
            assertFalse(health.up(), "a provider whose credential was refused is DOWN until its configuration changes");
            assertTrue(health.detail().contains(answer.says()), "health says why: " + health.detail());
        } else {
            assertTrue(health.up(), "only a refused credential takes the provider down: " + health.detail());
        }
    }

    @Test
    void aProviderThatDoesNotAnswerTimesOut() {
        forEachProvider(call -> {
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            assertEquals(ErrorKind.TIMEOUT, failure(call.request().get()).kind());
        }, SHORT_TIMEOUT);
    }

    @Test
    void aConnectionDroppedMidBodyIsUnavailable() {
        forEachProvider(call -> {
            MockResponse answer = call.provider() instanceof SttProvider ? transcriptionAnswer().orElseThrow() : speechAnswer().orElseThrow();
            server.enqueue(answer.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
            assertEquals(ErrorKind.UNAVAILABLE, failure(call.request().get()).kind());
        });
    }

    @Test
    void anUnreachableProviderIsUnavailable() throws IOException {
        List<Call> calls = new ArrayList<>();
        operations().forEach(operation -> calls.add(call(operation, CALL_TIMEOUT)));
        server.shutdown();
        for (Call call : calls) {
            assertEquals(ErrorKind.UNAVAILABLE, failure(call.request().get()).kind());
        }
    }

    @Test
    void anEmptyAnswerIsAProviderError() {
        // An empty 200 must not reach the caller as an empty transcript or an empty audio file.
        forEachProvider(call -> {
            server.enqueue(new MockResponse().setResponseCode(200));
            assertEquals(ErrorKind.PROVIDER_ERROR, failure(call.request().get()).kind());
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
        forEachProvider(call -> {
            CompletableFuture<HttpResponse<Object>> exchange = new CompletableFuture<>();
            doReturn(exchange).when(transport).send(any(), any());
            CompletableFuture<?> pending = call.request().get().toCompletableFuture();
            verify(transport, timeout(5_000)).send(any(), any());
            pending.cancel(true);
            waitFor(exchange::isCancelled, "cancelling the call to cancel its HTTP exchange");
            clearInvocations(transport);
        }, Duration.ofMinutes(2));
    }

    @Test
    void closeIsQuietAndIdempotentAndStopsCalls() {
        forEachProvider(call -> {
            call.provider().close();
            call.provider().close();
            int before = server.getRequestCount();
            assertNotNull(failure(call.request().get()).kind());
            assertEquals(before, server.getRequestCount(), "a closed provider reached the network");
        });
    }

    @Test
    void concurrentCallsAreSafe() {
        int calls = 24;
        forEachProvider(call -> {
            MockResponse answer = call.provider() instanceof SttProvider ? transcriptionAnswer().orElseThrow() : speechAnswer().orElseThrow();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return answer.clone();
                }
            });
            int before = server.getRequestCount();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                all.add(call.request().get().toCompletableFuture());
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
        return new ProviderContext(new ProviderSettings("voice.providers." + plugin().id(), values), transport, scheduler);
    }

    private Optional<SttProvider> stt(Duration timeout) {
        Optional<SttProvider> p = plugin().createStt(context(settings(base(), CANARY_KEY, timeout)));
        p.ifPresent(created::add);
        return p;
    }

    private Optional<TtsProvider> tts(Duration timeout) {
        Optional<TtsProvider> p = plugin().createTts(context(settings(base(), CANARY_KEY, timeout)));
        p.ifPresent(created::add);
        return p;
    }

    private SttProvider sttOrSkip() {
        Optional<SttProvider> p = stt(CALL_TIMEOUT);
        assumeTrue(p.isPresent(), "the plugin offers no STT");
        return p.get();
    }

    private TtsProvider ttsOrSkip() {
        Optional<TtsProvider> p = tts(CALL_TIMEOUT);
        assumeTrue(p.isPresent(), "the plugin offers no TTS");
        return p.get();
    }

    /** What the plugin offers, by the answers the test gives. */
    private Stream<Operation> operations() {
        return Stream.of(Operation.values()).filter(operation -> operation == Operation.TRANSCRIPTION
                ? transcriptionAnswer().isPresent() : speechAnswer().isPresent());
    }

    /** A fresh provider for {@code operation}, and its call with a request it accepts. */
    private Call call(Operation operation, Duration timeout) {
        if (operation == Operation.TRANSCRIPTION) {
            SttProvider p = stt(timeout).orElseThrow();
            return new Call(p, () -> p.transcribe(transcription(p.capabilities())));
        }
        TtsProvider p = tts(timeout).orElseThrow();
        return new Call(p, () -> p.synthesize(speech(p.capabilities())));
    }

    /** Runs a check once for each provider the plugin creates, each with a fresh provider. */
    private void forEachProvider(java.util.function.Consumer<Call> check) {
        forEachProvider(check, CALL_TIMEOUT);
    }

    private void forEachProvider(java.util.function.Consumer<Call> check, Duration timeout) {
        operations().forEach(operation -> check.accept(call(operation, timeout)));
    }

    private enum Operation {
        TRANSCRIPTION, SPEECH;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Call(SpeechProvider provider, Supplier<CompletionStage<?>> request) {
    }

    /** One row of the error table: the answer, fresh for each call, and what the failure must carry. */
    private record ErrorAnswer(String name, Supplier<MockResponse> response, ErrorKind kind, String says,
                               Optional<Duration> retryAfter) {
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

    private static void waitFor(BooleanSupplier condition, String what) {
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
