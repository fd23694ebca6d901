package io.voiceplatform.core.config;

import java.nio.file.Path;

/**
 * Where provider plugins are loaded from, each jar or sub-directory in a class loader of its own.
 *
 * @param builtIn {@code voice.plugins.builtin-dir}: the providers shipped with the distribution
 * @param added   {@code voice.plugins.dir}: plugins an operator added
 */
public record PluginDirectories(Path builtIn, Path added) {
}
