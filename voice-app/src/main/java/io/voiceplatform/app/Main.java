package io.voiceplatform.app;

import io.voiceplatform.app.cli.VoiceCommand;

/** The {@code voice} command. */
public final class Main {
    /** Guice's switch for how it defines the classes it generates (read once, when Guice first loads). */
    private static final String GUICE_CLASS_LOADING = "guice_custom_class_loading";

    private Main() {
    }

    public static void main(String[] args) {
        // By default Guice 7 defines generated classes through sun.misc.Unsafe, which JDK 24+ reports on stderr at
        // every start (google/guice#1909); child class loaders avoid Unsafe. An explicit -D setting wins.
        if (System.getProperty(GUICE_CLASS_LOADING) == null) {
            System.setProperty(GUICE_CLASS_LOADING, "CHILD");
        }
        int code = VoiceCommand.commandLine().execute(args);
        if (code != VoiceCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }
}
