package io.voiceplatform.core.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class TestSettingsReader {
    private static final String ORIGIN = "test.conf";

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "yes", "YES", "on", "On", "1", " true "})
    void acceptsTrueForms(String text) {
        assertTrue(reader("flag", text).getBoolean("flag"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "no", "No", "off", "OFF", "0"})
    void acceptsFalseForms(String text) {
        assertFalse(reader("flag", text).getBoolean("flag"));
    }

    @Test
    void acceptsHoconBooleans() {
        assertTrue(new SettingsReader(ConfigFactory.parseString("flag = true")).getBoolean("flag"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "", "t", "y", "enabled", "-1"})
    void rejectsOtherBooleanForms(String text) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> reader("flag", text).getBoolean("flag"));
        assertEquals("flag = '" + text + "' (" + ORIGIN + ": 1) is not a boolean (true/false, yes/no, on/off, 1/0)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "30s, SECONDS, PT30S",
            "500ms, SECONDS, PT0.5S",
            "2m, SECONDS, PT2M",
            "30, SECONDS, PT30S",
            "1.5, SECONDS, PT1.5S",
            "2000, MILLIS, PT2S",
            "3600, SECONDS, PT1H",
            "1 hour, MILLIS, PT1H"})
    void readsDurationsWithUnitsOrAsBareNumbersInTheDocumentedUnit(String text, ChronoUnit unit, String expected) {
        assertEquals(Duration.parse(expected), reader("d", text).getDuration("d", unit));
    }

    @Test
    void readsABareHoconNumberAsADurationInTheDocumentedUnit() {
        assertEquals(Duration.ofSeconds(30), new SettingsReader(ConfigFactory.parseString("d = 30")).getDuration("d", ChronoUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "0", "0s", "-5s", "10 parsecs", "1.5.2"})
    void rejectsDurationsThatAreNotPositive(String text) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> reader("d", text).getDuration("d", ChronoUnit.SECONDS));
        assertEquals("d = '" + text + "' (" + ORIGIN + ": 1) is not a duration of at least 1ms such as 500ms, 30s or 2m"
                + " (a bare number counts as seconds)", e.getMessage());
    }

    @Test
    void readsWholeNumbersWithinTheirRange() {
        assertEquals(25, reader("n", "25").getInt("n", 1, 100));
        assertEquals(25, new SettingsReader(ConfigFactory.parseString("n = 25")).getInt("n", 1, 100));
    }

    @ParameterizedTest
    @CsvSource({
            "abc, 1, 100, is not a whole number between 1 and 100",
            "2.5, 1, 100, is not a whole number between 1 and 100",
            "0, 1, 100, is not a whole number between 1 and 100",
            "101, 1, 100, is not a whole number between 1 and 100",
            "-3, 1, 2147483647, is not a whole number >= 1",
            "99999999999, 1, 2147483647, is not a whole number >= 1"})
    void rejectsWholeNumbersOutsideTheirRange(String text, int min, int max, String rule) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> reader("n", text).getInt("n", min, max));
        assertEquals("n = '" + text + "' (" + ORIGIN + ": 1) " + rule, e.getMessage());
    }

    @Test
    void readsNumbersWithinTheirRange() {
        assertEquals(0.95, reader("x", "0.95").getDouble("x", 0, 1));
        assertEquals(2.0, new SettingsReader(ConfigFactory.parseString("x = 2.0")).getDouble("x", 1, 100));
    }

    @ParameterizedTest
    @CsvSource({
            "1.5, 0, 1, is not a number between 0 and 1",
            "-0.1, 0, 1, is not a number between 0 and 1",
            "NaN, 0, 1, is not a number between 0 and 1",
            "x, 0.5, 1.7976931348623157E308, is not a number >= 0.5"})
    void rejectsNumbersOutsideTheirRange(String text, double min, double max, String rule) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> reader("x", text).getDouble("x", min, max));
        assertEquals("x = '" + text + "' (" + ORIGIN + ": 1) " + rule, e.getMessage());
    }

    @Test
    void readsListsFromHoconListsOrCommaSeparatedText() {
        assertEquals(List.of("a", "b"), new SettingsReader(ConfigFactory.parseString("l = [a, \" b \"]")).getStringList("l"));
        assertEquals(List.of("a", "b", "c"), reader("l", " a, b ,,c ").getStringList("l"));
        assertEquals(List.of(), reader("l", "").getStringList("l"));
    }

    @Test
    void readsOneOfAllowedValuesInAnyCase() {
        assertEquals("standard", reader("s", "STANDARD").getString("s", List.of("basic", "standard")));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> reader("s", "turbo").getString("s", List.of("basic", "standard")));
        assertEquals("s = 'turbo' (" + ORIGIN + ": 1) is not one of basic, standard", e.getMessage());
    }

    @Test
    void aMissingKeyOrAWrongShapeIsAnError() {
        SettingsReader reader = new SettingsReader(ConfigFactory.parseString("o { a = 1 }, n = null"));

        assertEquals("missing is not set, and no reference.conf gives it a default",
                assertThrows(InvalidConfigException.class, () -> reader.getString("missing")).getMessage());
        assertEquals("n is not set, and no reference.conf gives it a default",
                assertThrows(InvalidConfigException.class, () -> reader.getInt("n", 1, 2)).getMessage());
        assertEquals("o = '{a=1}' (String: 1) is not a single value",
                assertThrows(InvalidConfigException.class, () -> reader.getString("o")).getMessage());
        assertEquals("o.a = '1' (String: 1) is a single value where a section holding o.a.b is expected",
                assertThrows(InvalidConfigException.class, () -> reader.getString("o.a.b")).getMessage());
    }

    /** A reader over one text value, as an environment variable would give it. */
    private static SettingsReader reader(String key, String text) {
        return new SettingsReader(ConfigFactory.parseString(key + " = \"" + text + "\"",
                ConfigParseOptions.defaults().setOriginDescription(ORIGIN)));
    }
}
