package io.voiceplatform.app.cli;

import io.voiceplatform.api.AudioFormat;

import java.nio.file.Path;
import java.util.Optional;

/** The audio format a file name declares by its extension, if any. */
final class FileNames {
    private FileNames() {
    }

    static Optional<AudioFormat> formatOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : AudioFormat.fromId(name.substring(dot + 1));
    }
}
