package io.voiceplatform.core.config;

import io.voiceplatform.api.plugin.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestVoiceConfig {
    private static final String KEY = "voice.limits.max-file-size-mb";
    private static final String ENV = "VOICE_MAX_FILE_SIZE_MB";

    @TempDir
    Path dir;

    @Test
    void eachLayerOverridesTheOnesBelowIt() {
        TestingConfigSources sources = new TestingConfigSources(dir);
        assertValue(sources, 25, "default (reference.conf)");

        sources.classPathResource("application.conf", KEY + " = 10");
        assertValue(sources, 10, "file " + dir.resolve("classpath-application.conf/application.conf") + ":1");

        sources.extraFile(sources.write("extra.conf", "# extra\n" + KEY + " = 11"));
        assertValue(sources, 11, "file " + dir.resolve("extra.conf") + ":2");

        sources.write(".env", ENV + "=12");
        assertValue(sources, 12, ".env file " + dir.resolve(".env") + " (" + ENV + ")");

        sources.env(ENV, "13");
        assertValue(sources, 13, "environment " + ENV);

        sources.property(KEY, "14");
        assertValue(sources, 14, "system property");
    }

    /** Plain Typesafe merging would let application.conf hide the ${?ENV} line of reference.conf. */
    @Test
    void environmentWinsOverApplicationConfAndExtraFile() {
        TestingConfigSources sources = new TestingConfigSources(dir)
                .classPathResource("application.conf", KEY + " = 10\nvoice.default-language = de-DE")
                .extraFile(new TestingConfigSources(dir).write("extra.conf", KEY + " = 11"))
                .env(ENV, "13");

        VoiceConfig config = sources.load();

        assertEquals(13, config.config().getInt(KEY));
        assertEquals("de-DE", config.config().getString("voice.default-language"));
    }

    @Test
    void configFilePropertyReplacesTheClassPathApplicationConf() {
        TestingConfigSources sources = new TestingConfigSources(dir)
                .classPathResource("application.conf", KEY + " = 10\nvoice.limits.max-text-chars = 100");
        sources.write("other.conf", KEY + " = 20");
        sources.property("config.file", "other.conf");

        VoiceConfig config = sources.load();

        assertEquals(20, config.config().getInt(KEY));
        assertEquals(4096, config.config().getInt("voice.limits.max-text-chars"));
    }

    @Test
    void realEnvironmentWinsOverDotEnv() {
        TestingConfigSources sources = new TestingConfigSources(dir).env(ENV, "13");
        sources.write(".env", ENV + "=12\nVOICE_DEFAULT_LANGUAGE=fr-FR");

        VoiceConfig config = sources.load();

        assertEquals(13, config.config().getInt(KEY));
        assertEquals("fr-FR", config.config().getString("voice.default-language"));
        assertEquals(".env file " + dir.resolve(".env") + " (VOICE_DEFAULT_LANGUAGE)", config.originOf("voice.default-language"));
    }

    @Test
    void voiceEnvFileNamesTheDotEnvFileInsteadOfTheDefault() {
        TestingConfigSources sources = new TestingConfigSources(dir).env("VOICE_ENV_FILE", "conf/voice.env");
        sources.write(".env", ENV + "=12");
        Path named = sources.write("conf/voice.env", ENV + "=7");

        VoiceConfig config = sources.load();

        assertEquals(7, config.config().getInt(KEY));
        assertEquals(".env file " + named + " (" + ENV + ")", config.originOf(KEY));
    }

    @Test
    void voiceEnvFileNamingAMissingFileIsAnError() {
        TestingConfigSources sources = new TestingConfigSources(dir).env("VOICE_ENV_FILE", "missing.env");

        InvalidConfigException e = assertThrows(InvalidConfigException.class, sources::load);
        assertEquals("VOICE_ENV_FILE = 'missing.env' (environment VOICE_ENV_FILE) does not name a readable file", e.getMessage());
    }

    @Test
    void voiceConfigVariableNamesTheExtraFile() {
        TestingConfigSources sources = new TestingConfigSources(dir);
        sources.write("extra.conf", KEY + " = 11");
        sources.write(".env", "VOICE_CONFIG=extra.conf");

        assertEquals(11, sources.load().config().getInt(KEY));
    }

    @Test
    void aMissingExtraFileIsAOneLineError() {
        TestingConfigSources sources = new TestingConfigSources(dir).extraFile(Path.of("nope.conf"));

        InvalidConfigException e = assertThrows(InvalidConfigException.class, sources::load);
        assertEquals("config file " + dir.resolve("nope.conf") + " (named by --config): no such file", e.getMessage());
    }

    @Test
    void aDirectoryAsExtraFileIsAOneLineError() {
        TestingConfigSources sources = new TestingConfigSources(dir).extraFile(Path.of("."));

        InvalidConfigException e = assertThrows(InvalidConfigException.class, sources::load);
        assertEquals("config file " + dir + " (named by --config) is not a readable file", e.getMessage());
    }

    @Test
    void aMalformedFileIsAOneLineErrorNamingTheFile() {
        TestingConfigSources sources = new TestingConfigSources(dir);
        sources.extraFile(sources.write("bad.conf", "voice {\n  limits = [\n"));

        InvalidConfigException e = assertThrows(InvalidConfigException.class, sources::load);
        assertTrue(e.getMessage().contains(dir.resolve("bad.conf").toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void providerSettingsAreTheFlattenedSectionAsText() {
        TestingConfigSources sources = pluginWithKeyAlias().env("CLOUDY_API_KEY", "sk-test-1234567890");
        sources.extraFile(sources.write("extra.conf", """
                voice.providers.acme { url = "http://localhost:1", models = [a, b], retry { max = 3 }, fast = true }
                """));
        VoiceConfig config = sources.load();

        ProviderSettings acme = config.providerSettings("acme");
        assertEquals("voice.providers.acme", acme.section());
        assertEquals(Map.of("url", "http://localhost:1", "models", "a,b", "retry.max", "3", "fast", "true"), acme.masked());
        assertEquals(List.of("a", "b"), acme.getList("models"));
        assertEquals("sk-test-1234567890", config.providerSettings("cloudy").getSecret("api-key").reveal());
        assertEquals(Map.of(), config.providerSettings("absent").masked());
    }

    @Test
    void entriesListEveryVoiceSettingWithCredentialsMasked() {
        TestingConfigSources sources = pluginWithKeyAlias().env("CLOUDY_API_KEY", "sk-test-1234567890");
        sources.extraFile(sources.write("extra.conf", "voice.providers.acme.url = \"redis://user:pw@cache:6379/0\""));

        List<ConfigEntry> entries = sources.load().entries();

        assertEquals(new ConfigEntry("voice.providers.cloudy.api-key", "sk-****", "environment CLOUDY_API_KEY"),
                entry(entries, "voice.providers.cloudy.api-key"));
        assertEquals("redis://****@cache:6379/0", entry(entries, "voice.providers.acme.url").value());
        assertEquals(new ConfigEntry("voice.stt.providers", "[\"local\"]", "default (reference.conf)"),
                entry(entries, "voice.stt.providers"));
        assertEquals(entries.stream().map(ConfigEntry::key).sorted().toList(), entries.stream().map(ConfigEntry::key).toList());
        assertTrue(entries.stream().allMatch(e -> e.key().startsWith("voice.")));
        assertTrue(entries.stream().noneMatch(e -> e.value().contains("1234567890") || e.value().contains("pw")));
    }

    @Test
    void aPluginReferenceAddsDefaultsAndEnvironmentAliasesBelowTheFiles() {
        TestingConfigSources sources = new TestingConfigSources(dir).env("PLUG_TOKEN", "t0k3n");
        Path pluginDir = dir.resolve("plugin");
        sources.write("plugin/reference.conf", """
                voice.providers.plug {
                  # Greeting.
                  greeting = "hi"
                  # Color.
                  color = "red"
                  # Token.
                  token = ""
                  token = ${?PLUG_TOKEN}
                }
                """);
        sources.extraFile(sources.write("extra.conf", "voice.providers.plug.color = blue"));
        ClassLoader pluginLoader = TestingConfigSources.isolatedLoader(pluginDir);
        VoiceConfig config = sources.load();
        VoiceConfig withPlugin = config.withPluginReferences(List.of(pluginLoader));

        ProviderSettings plug = withPlugin.providerSettings("plug");

        assertEquals(Map.of("greeting", "hi", "color", "blue", "token", "****"), plug.masked());
        assertEquals("t0k3n", plug.getSecret("token").reveal());
        assertEquals("default (reference.conf)", withPlugin.originOf("voice.providers.plug.greeting"));
        assertEquals(new ConfigEntry("voice.providers.plug.token", "****", "environment PLUG_TOKEN"),
                entry(withPlugin.entries(), "voice.providers.plug.token"));
        assertEquals(Map.of("color", "blue"), config.providerSettings("plug").masked(), "without the plugin, its defaults are unknown");
    }

    @Test
    void saysWhetherAValueWasSetAndWhenAPathHasNone() {
        VoiceConfig config = new TestingConfigSources(dir).env(ENV, "9").load();

        assertTrue(config.isExplicitlySet(KEY));
        assertFalse(config.isExplicitlySet("voice.limits.max-text-chars"));
        assertEquals("not set", config.originOf("voice.no.such.key"));
    }

    @Test
    void sourcesDoNotPrintTheEnvironment() {
        ConfigSources sources = new TestingConfigSources(dir).env("OPENAI_API_KEY", "sk-test-1234567890").sources();

        assertFalse(sources.toString().contains("sk-test"), sources.toString());
    }

    private static void assertValue(TestingConfigSources sources, int expected, String origin) {
        VoiceConfig config = sources.load();
        assertEquals(expected, config.config().getInt(KEY));
        assertEquals(origin, config.originOf(KEY));
    }

    private static ConfigEntry entry(List<ConfigEntry> entries, String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    /** A plugin's reference.conf on the class path that reads its key from an environment variable, as cloud plugins do. */
    private TestingConfigSources pluginWithKeyAlias() {
        return new TestingConfigSources(dir).classPathResource("reference.conf", """
                voice.providers.cloudy {
                  # The cloud's API key.
                  api-key = ""
                  api-key = ${?CLOUDY_API_KEY}
                }
                """);
    }
}
