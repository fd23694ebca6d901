package io.voiceplatform.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class TestDotEnvFile {
    @TempDir
    Path dir;

    @Test
    void readsNamesValuesQuotesCommentsAndExportPrefix() {
        Path file = new TestingConfigSources(dir).write(".env", """
                # a comment line

                VOICE_A=plain
                export VOICE_B = spaced out
                VOICE_C="double # not a comment\\n\\"quoted\\""  # trailing comment
                VOICE_D='single $literal \\n'
                VOICE_E=unquoted # comment
                VOICE_F=
                VOICE_G=a=b=c
                VOICE_A=later wins
                """);

        assertEquals(Map.of(
                "VOICE_A", "later wins",
                "VOICE_B", "spaced out",
                "VOICE_C", "double # not a comment\n\"quoted\"",
                "VOICE_D", "single $literal \\n",
                "VOICE_E", "unquoted",
                "VOICE_F", "",
                "VOICE_G", "a=b=c"), DotEnvFile.read(file));
    }

    @Test
    void aLineWithoutEqualsSignIsAnErrorNamingFileAndLine() {
        Path file = new TestingConfigSources(dir).write(".env", "VOICE_A=1\nnot a setting\n");

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> DotEnvFile.read(file));
        assertEquals(".env file " + file + " line 2 is not a NAME=VALUE line", e.getMessage());
    }

    @Test
    void anUnterminatedQuoteIsAnErrorNamingFileAndLine() {
        Path file = new TestingConfigSources(dir).write(".env", "VOICE_A=\"open\n");

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> DotEnvFile.read(file));
        assertEquals(".env file " + file + " line 1 has a value with an unterminated or misplaced \"", e.getMessage());
    }
}
