package io.voiceplatform.app.cli;

import io.voiceplatform.core.bootstrap.StartupException;
import io.voiceplatform.core.config.InvalidConfigException;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/** The one line a failed command prints: what went wrong in the operator's words, never a Java class name. */
final class ErrorLine {
    /** {@code java.lang.IllegalStateException: } and the like, which a wrapper's message repeats from its cause. */
    private static final Pattern CLASS_NAME_PREFIX = Pattern.compile("^((?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*: )+");

    private ErrorLine() {
    }

    static String of(Throwable error) {
        Throwable shown = cause(error);
        String message;
        if (shown instanceof NoSuchFileException missing) {
            message = "no such file: " + missing.getFile();
        } else if (shown instanceof AccessDeniedException denied) {
            message = "permission denied: " + denied.getFile();
        } else if (shown instanceof FileSystemException file && file.getReason() != null) {
            message = file.getFile() + ": " + file.getReason();
        } else if (shown.getMessage() == null || shown.getMessage().isBlank()) {
            message = "unexpected failure (--debug prints its stack trace)";
        } else {
            message = CLASS_NAME_PREFIX.matcher(shown.getMessage()).replaceFirst("");
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** The failure an operator can act on: an asynchronous call's own, or the cause behind a message-less wrapper. */
    private static Throwable cause(Throwable error) {
        Throwable shown = error;
        while (shown.getCause() != null && !(shown instanceof InvalidConfigException) && !(shown instanceof StartupException)
                && (shown instanceof CompletionException || shown instanceof ExecutionException || shown.getMessage() == null)) {
            shown = shown.getCause();
        }
        return shown;
    }
}
