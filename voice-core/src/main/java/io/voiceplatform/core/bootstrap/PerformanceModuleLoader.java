package io.voiceplatform.core.bootstrap;

import com.google.inject.Module;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the performance module with {@link ServiceLoader}. Called only when the toggle is on, so with the
 * toggle off not one class of voice-performance is loaded.
 */
final class PerformanceModuleLoader {
    private PerformanceModuleLoader() {
    }

    static List<Module> load(ClassLoader loader) {
        return ServiceLoader.load(Module.class, loader).stream().map(ServiceLoader.Provider::get).toList();
    }
}
