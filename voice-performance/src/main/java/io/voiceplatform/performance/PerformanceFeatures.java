package io.voiceplatform.performance;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SpeechStream;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.TtsProvider;
import io.voiceplatform.api.performance.Chain;
import io.voiceplatform.api.performance.Operation;
import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.api.performance.ProviderCall;
import io.voiceplatform.api.performance.RequestContext;
import io.voiceplatform.performance.cache.ResultCaches;
import io.voiceplatform.performance.cache.redis.SharedLevel;
import io.voiceplatform.performance.config.PerformanceSettings;
import io.voiceplatform.performance.monitoring.PerformanceMonitor;
import io.voiceplatform.performance.routing.AdaptiveOrder;
import io.voiceplatform.performance.streaming.SpeechStreaming;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The performance extension the orchestrator calls when this module is installed: result caches and request
 * coalescing around whole requests, and the hedging policy that core's provider chain executes. At the
 * {@code monitoring-only} level it changes no request.
 */
public final class PerformanceFeatures implements PerformanceExtension {
    private final PerformanceSettings settings;
    /** Below this, timer jitter rather than a slow provider would fire hedges. */
    private static final Duration MIN_HEDGE_DELAY = Duration.ofMillis(10);

    private final ResultCaches caches;
    private final MeterRegistry meters;
    private final Ticker ticker;
    private final boolean active;
    private final AdaptiveOrder adaptiveOrder;
    private final SpeechStreaming streaming;

    private final Optional<PerformanceMonitor> monitor;
    /** The Redis level behind the local caches; only with a URI and a local cache to stand behind. */
    private final Optional<SharedLevel> shared;
    private final ScheduledFuture<?> evaluations;

    @Inject
    public PerformanceFeatures(PerformanceSettings settings, MeterRegistry meters, ScheduledExecutorService scheduler) {
        this(settings, meters, Ticker.systemTicker(), scheduler);
    }

    /** @param scheduler runs the monitor's evaluations; null for none (tests evaluate by hand) */
    PerformanceFeatures(PerformanceSettings settings, MeterRegistry meters, Ticker ticker, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.meters = meters;
        this.ticker = ticker;
        this.streaming = new SpeechStreaming(settings.ttsStreaming().splitChars(), SpeechStreaming.PARALLEL_PIECES);
        this.active = settings.level().changesRequests();
        this.adaptiveOrder = new AdaptiveOrder(settings.routing().window(), settings.routing().minSamples(),
                settings.routing().qualityThreshold(), ticker::read);
        boolean sttCache = active && settings.sttCache().enabled();
        boolean ttsCache = active && settings.ttsCache().enabled();
        ModuleLogLevel.apply(settings.logging());
        this.shared = settings.redis().uri().isPresent() && (sttCache || ttsCache)
                ? Optional.of(new SharedLevel(settings.redis())) : Optional.empty();
        this.caches = new ResultCaches(
                sttCache ? new ResultCaches.CacheLimits(settings.sttCache().maxEntries(), 0, settings.sttCache().ttl()) : null,
                ttsCache ? new ResultCaches.CacheLimits(settings.ttsCache().maxEntries(), speechCacheBytes(settings),
                        settings.ttsCache().ttl()) : null,
                settings.ttsCompression(), meters, ticker, shared.orElse(null));
        this.monitor = settings.monitoring().enabled()
                ? Optional.of(new PerformanceMonitor(settings.monitoring(), meters, caches::hitRatio)) : Optional.empty();
        long every = settings.monitoring().interval().toMillis();
        this.evaluations = monitor.isPresent() && scheduler != null
                ? scheduler.scheduleAtFixedRate(monitor.get()::evaluate, every, every, TimeUnit.MILLISECONDS) : null;
    }

    /** An explicit budget wins over the level's preset. */
    private static long speechCacheBytes(PerformanceSettings settings) {
        return settings.ttsCache().maxBytes() > 0 ? settings.ttsCache().maxBytes() : settings.level().cacheBytes();
    }

    @Override
    public CompletionStage<Transcript> transcribe(TranscriptionRequest request, RequestContext context,
                                                  Chain<TranscriptionRequest, Transcript> next) {
        long start = System.nanoTime();
        return measured(Operation.STT, start, active ? caches.transcribe(request, context, next) : next.proceed(request));
    }

    @Override
    public CompletionStage<SynthesizedSpeech> synthesize(SpeechRequest request, RequestContext context,
                                                         Chain<SpeechRequest, SynthesizedSpeech> next) {
        long start = System.nanoTime();
        return measured(Operation.TTS, start, active ? caches.synthesize(request, context, next) : next.proceed(request));
    }

    private <T> CompletionStage<T> measured(Operation operation, long start, CompletionStage<T> request) {
        monitor.ifPresent(m -> request.whenComplete((value, error) -> {
            if (!(error instanceof java.util.concurrent.CancellationException)) {
                m.record(operation, System.nanoTime() - start, error != null);
            }
        }));
        return request;
    }

    @Override
    public void close() {
        if (evaluations != null) {
            evaluations.cancel(false);
        }
        shared.ifPresent(SharedLevel::close);
    }

    /** Every provider call is measured, for the adaptive order (and, at monitoring-only, for reporting). */
    @Override
    public <T> CompletionStage<T> aroundProviderCall(ProviderCall call, Supplier<CompletionStage<T>> invocation) {
        long start = ticker.read();
        CompletionStage<T> result = invocation.get();
        result.whenComplete((value, error) -> {
            if (!(error instanceof java.util.concurrent.CancellationException)) {
                adaptiveOrder.record(call.operation(), call.provider(), error == null, ticker.read() - start);
            }
        });
        return result;
    }

    @Override
    public List<String> order(Operation operation, List<String> providers, boolean pinned) {
        return active ? adaptiveOrder.order(operation, providers, pinned) : providers;
    }

    /** Coalescing applies to both operations whenever the module acts, so a request may always be a HIT. */
    @Override
    public boolean caches(Operation operation) {
        return active;
    }

    @Override
    public Optional<Duration> hedgeDelay(Operation operation, String provider) {
        PerformanceSettings.Hedging hedging = hedging(operation);
        if (!active || !hedging.enabled()) {
            return Optional.empty();
        }
        // Waiting for the p95 hedges about one call in twenty: the slow tail, not the typical call.
        Optional<Duration> observed = hedging.adaptiveDelay() ? adaptiveOrder.observedP95(operation, provider) : Optional.empty();
        return Optional.of(observed.map(p95 -> p95.compareTo(MIN_HEDGE_DELAY) < 0 ? MIN_HEDGE_DELAY : p95).orElse(hedging.delay()));
    }

    @Override
    public boolean streamsSpeech() {
        return active && settings.ttsStreaming().enabled();
    }

    @Override
    public CompletionStage<SpeechStream> streamSpeech(TtsProvider provider, SpeechRequest request) {
        return streaming.stream(provider, request);
    }

    @Override
    public boolean providerLatencyHistograms() {
        return settings.monitoring().metricsEnabled();
    }

    @Override
    public int maxParallelProviders(Operation operation) {
        PerformanceSettings.Hedging hedging = hedging(operation);
        return active && hedging.enabled() ? hedging.maxParallelProviders() : 1;
    }

    @Override
    public void hedgeFinished(Operation operation, String hedgeProvider, boolean won) {
        Counter.builder("voice.hedges").description("Hedged provider calls started, by outcome")
                .tag("operation", operation.id()).tag("outcome", won ? "won" : "lost").register(meters).increment();
    }

    /** The weighed size the speech cache's budget applies to (stored bytes, each entry at least budget / entries). */
    long speechCacheWeight() {
        return caches.speechCacheWeight();
    }

    private PerformanceSettings.Hedging hedging(Operation operation) {
        return operation == Operation.STT ? settings.sttHedging() : settings.ttsHedging();
    }

    /** {@code enabled}, {@code level}, each component on or off, then cache and coalescing figures. */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("stt-cache", active && settings.sttCache().enabled());
        components.put("tts-cache", active && settings.ttsCache().enabled());
        components.put("coalescing", active);
        components.put("adaptive-order", active);
        components.put("tts-compression", active && settings.ttsCache().enabled() && settings.ttsCompression());
        components.put("tts-streaming", settings.ttsStreaming().enabled());
        components.put("stt-hedging", active && settings.sttHedging().enabled());
        components.put("tts-hedging", active && settings.ttsHedging().enabled());
        components.put("monitoring", settings.monitoring().enabled());
        components.put("metrics", settings.monitoring().metricsEnabled());
        components.put("alerts", settings.monitoring().alertsEnabled());
        components.put("shared-cache", shared.isPresent());
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("enabled", true);
        description.put("level", settings.level().id());
        description.put("components", Collections.unmodifiableMap(components));
        description.putAll(caches.describe());
        description.put("hedges", Map.of("fired", hedges("won") + hedges("lost"), "won", hedges("won")));
        monitor.ifPresent(m -> description.put("monitor", m.lastEvaluation()));
        return Collections.unmodifiableMap(description);
    }

    private double hedges(String outcome) {
        return meters.find("voice.hedges").tag("outcome", outcome).counters().stream().mapToDouble(Counter::count).sum();
    }
}
