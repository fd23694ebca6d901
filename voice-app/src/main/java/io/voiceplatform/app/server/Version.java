package io.voiceplatform.app.server;

/** The version of the running build, from the jar manifest. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
