package io.voiceplatform.core.registry;

/**
 * The parent of every plugin class loader: it shows a plugin the JDK and voice-api, nothing else, so a
 * plugin cannot depend by accident on the platform's own libraries or clash with their versions.
 */
final class ApiOnlyClassLoader extends ClassLoader {
    private static final String API_PACKAGE = "io.voiceplatform.api.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader application;

    ApiOnlyClassLoader(ClassLoader application) {
        super("voice-api-only", ClassLoader.getPlatformClassLoader());
        this.application = application;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return application.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
