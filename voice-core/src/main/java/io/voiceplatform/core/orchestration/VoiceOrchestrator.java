package io.voiceplatform.core.orchestration;

import io.voiceplatform.api.ProviderCapabilities;
import io.voiceplatform.api.SpeechProvider;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.SttProvider;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.performance.Operation;
import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.api.performance.ProviderCall;
import io.voiceplatform.api.performance.RequestContext;
import io.voiceplatform.core.config.CoreSettings;
import io.voiceplatform.core.config.RoutingSettings;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.resilience.ProviderGuards;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Transcribes and synthesizes through the provider chain: validation, then the performance extension,
 * then the capable providers in order (a pinned one first), each behind its {@link io.voiceplatform.core.resilience.ProviderGuard}.
 * Asynchronous end to end: no thread waits for a provider.
 */
public final class VoiceOrchestrator {
    private final ProviderRegistry registry;
    private final ProviderGuards guards;
    private final RoutingSettings routing;
    private final RequestValidator validator;
    private final PerformanceExtension extension;
    private final ScheduledExecutorService scheduler;
    private final ProviderMetrics metrics;

    public VoiceOrchestrator(ProviderRegistry registry, ProviderGuards guards, CoreSettings settings,
                             PerformanceExtension extension, ScheduledExecutorService scheduler, ProviderMetrics metrics) {
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.registry = registry;
        this.guards = guards;
        this.routing = settings.routing();
        this.validator = new RequestValidator(settings.limits());
        this.extension = extension;
    }

    public CompletionStage<Served<Transcript>> transcribe(TranscriptionRequest request, Routing route) {
        TranscriptionRequest valid;
        List<String> chain;
        try {
            valid = validator.validate(request);
            chain = chain(Operation.STT, route, routing.sttProviders(), registry.sttIds());
        } catch (VoiceException e) {
            return CompletableFuture.failedFuture(e);
        }
        AtomicReference<Served<Transcript>> served = new AtomicReference<>();
        CompletionStage<Transcript> outcome = extension.transcribe(valid, new RequestContext(route.pinnedProvider()), req -> {
            List<Candidate> candidates = chain.stream().map(id -> sttCandidate(id, req)).toList();
            CompletableFuture<Served<Transcript>> chained = new FallbackChain<Transcript>(Operation.STT, candidates,
                    id -> guards.get(Operation.STT, id), (id, attempt) -> callStt(id, attempt, req), extension, scheduler, metrics, unused -> { })
                    .run();
            return Cancellation.propagate(chained, chained.thenApply(result -> {
                served.set(result);
                return result.value();
            }));
        });
        return Cancellation.propagate(outcome, outcome.toCompletableFuture()
                .thenApply(value -> served(Operation.STT, value, value.provider(), served.get())));
    }

    public CompletionStage<Served<SynthesizedSpeech>> synthesize(SpeechRequest request, Routing route) {
        SpeechRequest valid;
        List<String> chain;
        try {
            valid = validator.validate(request);
            chain = chain(Operation.TTS, route, routing.ttsProviders(), registry.ttsIds());
        } catch (VoiceException e) {
            return CompletableFuture.failedFuture(e);
        }
        AtomicReference<Served<SynthesizedSpeech>> served = new AtomicReference<>();
        CompletionStage<SynthesizedSpeech> outcome = extension.synthesize(valid, new RequestContext(route.pinnedProvider()), req -> {
            List<Candidate> candidates = chain.stream().map(id -> ttsCandidate(id, req)).toList();
            CompletableFuture<Served<SynthesizedSpeech>> chained = new FallbackChain<SynthesizedSpeech>(Operation.TTS, candidates,
                    id -> guards.get(Operation.TTS, id), (id, attempt) -> callTts(id, attempt, req), extension, scheduler, metrics, unused -> { })
                    .run();
            return Cancellation.propagate(chained, chained.thenApply(result -> {
                served.set(result);
                return result.value();
            }));
        });
        return Cancellation.propagate(outcome, outcome.toCompletableFuture()
                .thenApply(value -> served(Operation.TTS, value, value.provider(), served.get())));
    }

    /** Whether speech should be streamed to callers ({@link #synthesizeStream}); set by the performance module. */
    public boolean streamsSpeech() {
        return extension.streamsSpeech();
    }

    /**
     * Speech as it is produced: the stage completes with the first audio, so a provider that fails before
     * that is passed over like any other; after it, the stream ends early. Streams bypass the result cache.
     */
    public CompletionStage<Served<SpeechStream>> synthesizeStream(SpeechRequest request, Routing route) {
        SpeechRequest valid;
        List<String> chain;
        try {
            valid = validator.validate(request);
            chain = chain(Operation.TTS, route, routing.ttsProviders(), registry.ttsIds());
        } catch (VoiceException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<Candidate> candidates = chain.stream().map(id -> ttsCandidate(id, valid)).toList();
        return new FallbackChain<SpeechStream>(Operation.TTS, candidates, id -> guards.get(Operation.TTS, id),
                (id, attempt) -> streamTts(id, attempt, valid), extension, scheduler, metrics, VoiceOrchestrator::close).run();
    }

    private static void close(SpeechStream late) {
        try {
            late.audio().close();
        } catch (java.io.IOException ignored) {
            // a stream nobody reads; closing only releases it
        }
    }

    /** A result that did not come through our chain (a cache hit, a shared call) took no attempt of ours. */
    private <T> Served<T> served(Operation operation, T value, String provider, Served<T> fromChain) {
        boolean cached = extension.caches(operation);
        if (fromChain != null && fromChain.value() == value) {
            return new Served<>(value, fromChain.provider(), fromChain.attempts(), cached ? CacheStatus.MISS : CacheStatus.BYPASS);
        }
        return new Served<>(value, provider, 0, cached ? CacheStatus.HIT : CacheStatus.BYPASS);
    }

    /** The pinned provider first, then the configured order, then every other enabled provider. */
    private List<String> chain(Operation operation, Routing route, List<String> configured, List<String> available) {
        List<String> ids = new ArrayList<>();
        Optional<String> pinned = route.pinnedProvider();
        if (pinned.isPresent()) {
            if (!available.contains(pinned.get())) {
                throw VoiceException.invalid("unknown " + operation.id() + " provider '" + pinned.get()
                        + "'; available: " + String.join(", ", available), "model");
            }
            ids.add(pinned.get());
            if (!routing.pinnedFallback()) {
                return ids;
            }
        }
        configured.stream().filter(available::contains).filter(id -> !ids.contains(id)).forEach(ids::add);
        available.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return extension.order(operation, List.copyOf(ids), pinned.isPresent());
    }

    private Candidate sttCandidate(String id, TranscriptionRequest request) {
        ProviderCapabilities caps = registry.stt(id).orElseThrow().capabilities();
        if (!caps.inputFormats().contains(request.audio().format())) {
            return Candidate.skipped(id, "does not accept " + request.audio().format().id() + " audio", "file");
        }
        if (!caps.supportsLanguage(request.language())) {
            return Candidate.skipped(id, "does not serve language " + request.language(), "language");
        }
        if (request.audio().size() > caps.maxAudioBytes()) {
            return Candidate.skipped(id, "takes at most " + caps.maxAudioBytes() + " bytes of audio", "file");
        }
        return Candidate.capable(id);
    }

    private Candidate ttsCandidate(String id, SpeechRequest request) {
        ProviderCapabilities caps = registry.tts(id).orElseThrow().capabilities();
        if (!caps.outputFormats().contains(request.outputFormat())) {
            return Candidate.skipped(id, "cannot produce " + request.outputFormat().id() + " (it produces "
                    + caps.outputFormats().stream().map(f -> f.id()).sorted().toList() + ")", "response_format");
        }
        if (!caps.supportsLanguage(request.language())) {
            return Candidate.skipped(id, "does not serve language " + request.language(), "language");
        }
        if (request.voice().isPresent() && !caps.supportsVoice(request.voice().get())) {
            return Candidate.skipped(id, "has no voice '" + request.voice().get() + "'", "voice");
        }
        if (request.text().length() > caps.maxTextChars()) {
            return Candidate.skipped(id, "takes at most " + caps.maxTextChars() + " characters", "input");
        }
        return Candidate.capable(id);
    }

    private CompletionStage<Transcript> callStt(String id, int attempt, TranscriptionRequest request) {
        SttProvider provider = registry.stt(id).orElseThrow();
        TranscriptionRequest forProvider = request.withModelHint(modelFor(provider, request.modelHint()));
        return measured(Operation.STT, id, extension.aroundProviderCall(new ProviderCall(Operation.STT, id, attempt),
                () -> provider.transcribe(forProvider)));
    }

    private CompletionStage<SynthesizedSpeech> callTts(String id, int attempt, SpeechRequest request) {
        TtsProvider provider = registry.tts(id).orElseThrow();
        SpeechRequest forProvider = request.withModelHint(modelFor(provider, request.modelHint()));
        return measured(Operation.TTS, id, extension.aroundProviderCall(new ProviderCall(Operation.TTS, id, attempt),
                () -> provider.synthesize(forProvider)));
    }

    private CompletionStage<SpeechStream> streamTts(String id, int attempt, SpeechRequest request) {
        TtsProvider provider = registry.tts(id).orElseThrow();
        SpeechRequest forProvider = request.withModelHint(modelFor(provider, request.modelHint()));
        return measured(Operation.TTS, id, extension.aroundProviderCall(new ProviderCall(Operation.TTS, id, attempt),
                () -> extension.streamSpeech(provider, forProvider)));
    }

    private <T> CompletionStage<T> measured(Operation operation, String provider, CompletionStage<T> call) {
        long start = System.nanoTime();
        call.whenComplete((value, error) -> metrics.call(operation, provider, System.nanoTime() - start, error));
        return call;
    }

    /** A model hint names one provider's model; other providers in the chain use their own default. */
    private static Optional<String> modelFor(SpeechProvider provider, Optional<String> hint) {
        return hint.filter(model -> provider.capabilities().models().contains(model));
    }
}
