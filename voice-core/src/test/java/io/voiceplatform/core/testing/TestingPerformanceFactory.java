package io.voiceplatform.core.testing;

import com.google.inject.multibindings.OptionalBinder;
import io.voiceplatform.core.bootstrap.PerformanceModuleFactory;
import io.voiceplatform.core.config.VoiceConfig;
import io.voiceplatform.core.pipeline.RequestCoalescer;

import java.util.Map;

/**
 * Stands in for voice-performance in core's tests: found by ServiceLoader under the performance module's service
 * type, it overrides one stage. Its static initializer leaves a mark, so a test can tell whether the class was
 * loaded at all.
 */
public final class TestingPerformanceFactory implements PerformanceModuleFactory {
    public static final String LOADED_MARK = "voice.test.performance-module-loaded";
    public static final String LEVEL = "testing";

    static {
        System.setProperty(LOADED_MARK, "true");
    }

    @Override
    public Installation create(VoiceConfig config) {
        return new Installation(LEVEL, binder -> OptionalBinder.newOptionalBinder(binder, RequestCoalescer.class)
                .setBinding().toInstance(TestingStages.SHARING_NOTHING), Map.of());
    }
}
