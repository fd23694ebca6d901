package io.voiceplatform.core.pipeline;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.VoiceException;
import io.voiceplatform.api.Operation;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls counted by outcome; latency histogram buckets only when asked for. */
class TestProviderMetrics {
    @Test
    void countsCallsByOutcomeAndTimesThem() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProviderMetrics metrics = new ProviderMetrics(registry, false);
        metrics.call(Operation.STT, "p", 5_000_000, null);
        metrics.call(Operation.STT, "p", 5_000_000, VoiceException.of(ErrorKind.TIMEOUT, "p", "slow", null));
        metrics.call(Operation.STT, "p", 5_000_000, new CancellationException());

        String scrape = registry.scrape();
        assertTrue(scrape.contains("voice_provider_calls_total{operation=\"stt\",outcome=\"success\",provider=\"p\"} 1.0"), scrape);
        assertTrue(scrape.contains("voice_provider_calls_total{operation=\"stt\",outcome=\"timeout\",provider=\"p\"} 1.0"), scrape);
        assertTrue(scrape.contains("voice_provider_calls_total{operation=\"stt\",outcome=\"cancelled\",provider=\"p\"} 1.0"), scrape);
        assertTrue(scrape.contains("voice_provider_seconds_count{operation=\"stt\",provider=\"p\"} 3"), scrape);
        assertFalse(scrape.contains("voice_provider_seconds_bucket"), "no buckets unless asked for");
    }

    @Test
    void keepsHistogramBucketsWhenAsked() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ProviderMetrics(registry, true).call(Operation.TTS, "p", 120_000_000, null);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("voice_provider_seconds_bucket{operation=\"tts\",provider=\"p\",le=\"+Inf\"} 1"), scrape);
        assertTrue(scrape.contains("voice_provider_seconds_bucket{operation=\"tts\",provider=\"p\",le=\"0.001\"} 0"), scrape);
    }
}
