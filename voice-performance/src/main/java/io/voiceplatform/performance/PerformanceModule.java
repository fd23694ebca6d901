package io.voiceplatform.performance;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.typesafe.config.Config;
import io.voiceplatform.api.plugin.HttpTransport;
import io.voiceplatform.performance.http.LimitedHttpTransport;
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
        OptionalBinder.newOptionalBinder(binder(), HttpTransport.class).setBinding().to(LimitedHttpTransport.class);
    }

    /**
     * Connection limits of every provider's HTTP client: the level's presets, unless a limit is set explicitly
     * (in a file, the environment or a -D option), over the platform's network transport with this module's
     * connect timeout. A request over a limit waits up to the connect timeout.
     */
    @Provides
    @Singleton
    LimitedHttpTransport transport(PerformanceSettings settings, Config config, @Named(HttpTransport.NETWORK) HttpTransport network) {
        PerformanceSettings.Http http = settings.http();
        int pool = explicit(config, "voice.performance.http.max-connections") || settings.level().poolPreset() == 0
                ? http.maxConnections() : settings.level().poolPreset();
        int perHost = explicit(config, "voice.performance.http.max-per-host") || settings.level().perHostPreset() == 0
                ? http.maxPerHost() : settings.level().perHostPreset();
        return new LimitedHttpTransport(network.withConnectTimeout(http.connectTimeout()), pool, Math.min(perHost, pool),
                http.connectTimeout());
    }

    private static boolean explicit(Config config, String path) {
        return !"reference.conf".equals(config.getValue(path).origin().resource());
    }

    /** Invalid settings stop start-up with the one-line message of {@link PerformanceSettings#from}. */
    @Provides
    @Singleton
    PerformanceSettings settings(Config config) {
        return PerformanceSettings.from(config);
    }
}
