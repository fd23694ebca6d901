package io.voiceplatform.performance;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import io.voiceplatform.api.performance.PerformanceExtension;
import io.voiceplatform.performance.config.PerformanceSettings;

/**
 * Installs the performance features in place of voice-core's pass-through extension. Found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/com.google.inject.Module}) and installed by the
 * bootstrap only when {@code voice.performance.enabled} is true. Needs the {@link Config} that voice-core binds.
 */
public final class PerformanceModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(PerformanceFeatures.class).in(Scopes.SINGLETON);
        OptionalBinder.newOptionalBinder(binder(), PerformanceExtension.class).setBinding().to(PerformanceFeatures.class);
    }

    /** Invalid settings stop start-up with the one-line message of {@link PerformanceSettings#from}. */
    @Provides
    @Singleton
    PerformanceSettings settings(Config config) {
        return PerformanceSettings.from(config);
    }
}
