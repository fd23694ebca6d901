package io.voiceplatform.core.testing;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.voiceplatform.api.performance.PerformanceExtension;

import java.util.Map;

/**
 * Stands in for voice-performance in core's tests: found by ServiceLoader as a Guice module. Its static
 * initializer leaves a mark, so a test can tell whether the class was loaded at all.
 */
public final class TestingPerformanceModule extends AbstractModule {
    public static final String LOADED_MARK = "voice.test.performance-module-loaded";

    static {
        System.setProperty(LOADED_MARK, "true");
    }

    public static final PerformanceExtension EXTENSION = new PerformanceExtension() {
        @Override
        public Map<String, Object> describe() {
            return Map.of("enabled", true);
        }
    };

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), PerformanceExtension.class).setBinding().toInstance(EXTENSION);
    }
}
