package io.voiceplatform.api.plugin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestSpiVersion {
    @Test
    void theCurrentVersionComesFromTheBuild() {
        SpiVersion current = SpiVersion.current();
        assertEquals(SpiVersion.parse(current.major() + "." + current.minor()), current);
        assertTrue(current.major() >= 1);
    }

    @Test
    void aPluginRunsOnTheSameMajorWithANewerOrEqualMinor() {
        SpiVersion platform = SpiVersion.parse("1.3");
        assertTrue(platform.runs(SpiVersion.parse("1.0")));
        assertTrue(platform.runs(SpiVersion.parse("1.3")));
        assertFalse(platform.runs(SpiVersion.parse("1.4")), "a plugin may use what a newer minor added");
        assertFalse(platform.runs(SpiVersion.parse("2.0")));
        assertFalse(platform.runs(SpiVersion.parse("0.9")));
    }

    @Test
    void onlyMajorDotMinorParses() {
        for (String bad : new String[]{"1", "1.0.0", "a.b", "-1.0", "", " "}) {
            assertThrows(IllegalArgumentException.class, () -> SpiVersion.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> SpiVersion.parse(null));
        assertEquals("2.5", SpiVersion.parse(" 2.5 ").toString());
    }
}
