package io.voiceplatform.tools.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the two reports go: {@code --report FILE} names the base, written as {@code FILE.md} and
 * {@code FILE.json}; a FILE ending in {@code .md} or {@code .json} names one of them and the other is its
 * sibling. Without {@code --report}: {@code voice-validation-<date>-<time>} in the working directory.
 */
public record ReportFiles(Path markdown, Path json) {
    public static ReportFiles at(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("--report needs a file name, not " + file);
        }
        String base = name.toString();
        if (base.endsWith(".md")) {
            base = base.substring(0, base.length() - 3);
        } else if (base.endsWith(".json")) {
            base = base.substring(0, base.length() - 5);
        }
        return new ReportFiles(file.resolveSibling(base + ".md"), file.resolveSibling(base + ".json"));
    }

    static ReportFiles byDefault(LocalDateTime now) {
        return at(Path.of("voice-validation-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    }

    public void write(ValidationReport report) throws IOException {
        for (Path file : new Path[]{markdown, json}) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        }
        Files.writeString(markdown, MarkdownReport.render(report));
        Files.writeString(json, JsonReport.render(report));
    }
}
