package io.voiceplatform.performance;

import io.voiceplatform.api.Audio;
import io.voiceplatform.api.AudioFormat;
import io.voiceplatform.api.SpeechRequest;
import io.voiceplatform.api.SynthesizedSpeech;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.TranscriptionRequest;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.core.bootstrap.PerformanceModuleFactory;
import io.voiceplatform.core.config.InvalidConfigException;
import io.voiceplatform.core.pipeline.CacheStatus;
import io.voiceplatform.core.pipeline.HedgePolicy;
import io.voiceplatform.core.pipeline.ProviderOrder;
import io.voiceplatform.core.pipeline.RequestCoalescer;
import io.voiceplatform.core.pipeline.RequestObserver;
import io.voiceplatform.core.pipeline.ResultCache;
import io.voiceplatform.core.pipeline.SpeechStreaming;
import io.voiceplatform.core.testing.TestingAudio;
import io.voiceplatform.performance.cache.IdenticalRequestCoalescer;
import io.voiceplatform.performance.cache.ResultCaches;
import io.voiceplatform.performance.config.TestingPerformanceConfig;
import io.voiceplatform.performance.http.LimitedHttpTransport;
import io.voiceplatform.performance.monitoring.PerformanceMonitor;
import io.voiceplatform.performance.routing.AdaptiveOrder;
import io.voiceplatform.performance.routing.ObservedLatencyHedging;
import io.voiceplatform.performance.streaming.SentenceStreaming;
import io.voiceplatform.performance.testing.AnsweringProvider;
import io.voiceplatform.performance.testing.PerformancePipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the module binds for which settings, as voice-core installs it; and that what it binds is what health says. */
@Timeout(20)
class TestPerformanceModule {
    private static final Transcript TRANSCRIPT = new Transcript("t", "en-US", null, Duration.ZERO, List.of(), List.of(), "p", "m");
    private static final SynthesizedSpeech SPEECH = new SynthesizedSpeech(Audio.of(TestingAudio.wav(0.1, 300), AudioFormat.WAV),
            Duration.ofMillis(100), "p");

    @Test
    void isFoundByServiceLoaderUnderItsOwnServiceType() {
        List<String> found = ServiceLoader.load(PerformanceModuleFactory.class, getClass().getClassLoader()).stream()
                .map(provider -> provider.type().getName()).toList();
        assertEquals(List.of(PerformanceFactory.class.getName()), found);
    }

    @Test
    void atTheDefaultLevelItBindsTheStagesItsSettingsTurnOn() {
        try (PerformancePipeline running = PerformancePipeline.start("voice.performance.stt.cache.enabled = true\n",
                AnsweringProvider.always(TRANSCRIPT, SPEECH))) {
            var injector = running.testing().injector();
            assertInstanceOf(ResultCaches.class, injector.getInstance(ResultCache.class));
            assertInstanceOf(IdenticalRequestCoalescer.class, injector.getInstance(RequestCoalescer.class));
            assertInstanceOf(AdaptiveOrder.class, injector.getInstance(ProviderOrder.class));
            assertInstanceOf(ObservedLatencyHedging.class, injector.getInstance(HedgePolicy.class), "STT hedging is on by default");
            assertInstanceOf(LimitedHttpTransport.class, injector.getInstance(HttpTransport.class));
            assertSame(SpeechStreaming.OFF, injector.getInstance(SpeechStreaming.class), "streaming is off unless asked for");
            assertSame(RequestObserver.NONE, injector.getInstance(RequestObserver.class), "monitoring is off unless asked for");
            assertEquals(Map.of("enabled", false), running.stage("result-cache").get("tts"), "the TTS cache is off by default");
            assertEquals(true, running.stage("result-cache").get("active"));
            assertEquals(false, running.stage("speech-streaming").get("active"));
        }
    }

    @Test
    void streamingAndMonitoringComeInWhenAskedFor() {
        try (PerformancePipeline running = PerformancePipeline.start("voice.performance.tts.streaming-enabled = true\n"
                + "voice.performance.monitoring.enabled = true\n", AnsweringProvider.always(TRANSCRIPT, SPEECH))) {
            var injector = running.testing().injector();
            assertInstanceOf(SentenceStreaming.class, injector.getInstance(SpeechStreaming.class));
            assertInstanceOf(PerformanceMonitor.class, injector.getInstance(RequestObserver.class));
            assertEquals(true, running.stage("speech-streaming").get("active"));
            assertEquals(true, running.stage("monitoring").get("active"));
            assertEquals(true, running.pipeline().streamsSpeech());
        }
    }

    @Test
    void monitoringOnlyChangesNoRequestAndHealthSaysEveryOtherStageIsOff() {
        AnsweringProvider provider = AnsweringProvider.always(TRANSCRIPT, SPEECH);
        try (PerformancePipeline running = PerformancePipeline.start("voice.performance.level = monitoring-only\n"
                + "voice.performance.stt.cache.enabled = true\nvoice.performance.tts.streaming-enabled = true\n"
                + "voice.performance.monitoring.enabled = true\n", provider)) {
            TranscriptionRequest request = TranscriptionRequest.of(TestingAudio.wavAudio());
            for (int i = 0; i < 3; i++) {
                assertEquals(CacheStatus.BYPASS, running.transcribe(request).decisions().cache());
            }
            assertEquals(3, provider.calls(), "no cache, no sharing");
            for (String stage : List.of("result-cache", "coalescing", "provider-order", "hedging", "speech-streaming")) {
                assertEquals(false, running.stage(stage).get("active"), stage + " must not claim to act at monitoring-only");
            }
            assertEquals(false, running.pipeline().streamsSpeech(), "what health says is what runs");
            assertEquals(true, running.stage("monitoring").get("active"));
            running.synthesize(SpeechRequest.of("hi", AudioFormat.WAV));
        }
    }

    @Test
    void invalidSettingsStopStartUpWithTheOneLineMessage() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new PerformanceFactory().create(
                TestingPerformanceConfig.voiceConfig(Map.of("VOICE_V2_TTS_CACHE_TTL", "soon"), "")));
        assertEquals("voice.performance.tts.cache.ttl = 'soon' (environment VOICE_V2_TTS_CACHE_TTL) is not a duration"
                + " of at least 1ms such as 500ms, 30s or 2m (a bare number counts as seconds)", e.getMessage());
    }

    @Test
    void theLevelIsReportedForHealth() {
        assertEquals("aggressive", new PerformanceFactory().create(TestingPerformanceConfig.voiceConfig(Map.of(),
                "voice.performance.level = aggressive\n")).level());
    }
}
