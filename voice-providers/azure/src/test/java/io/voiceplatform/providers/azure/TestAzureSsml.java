package io.voiceplatform.providers.azure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class TestAzureSsml {
    private static final AzureVoice JENNY = new AzureVoice("en-US-JennyNeural", "en-US", Optional.of(true));

    @Test
    void namesTheVoiceItsLocaleAndTheRate() {
        assertEquals("<speak version='1.0' xml:lang='en-US'><voice name='en-US-JennyNeural'><prosody rate='+0.00%'>Hi</prosody></voice></speak>",
                AzureSsml.of("Hi", JENNY, 1.0));
    }

    @Test
    void writesTheRateAsARelativeChange() {
        assertEquals("+100.00%", AzureSsml.rate(2.0));
        assertEquals("-50.00%", AzureSsml.rate(0.5));
        assertEquals("+12.50%", AzureSsml.rate(1.125));
    }

    @Test
    void escapesMarkupAndDropsWhatXmlForbids() {
        assertEquals("a &lt;b&gt; &amp; &apos;c&apos; &quot;d&quot;", AzureSsml.escape("a <b> & 'c' \"d\""));
        assertEquals("line\nnext\ttab", AzureSsml.escape("line\nnext\ttab\u0000\u0008\uFFFE"));
        assertEquals("emoji \uD83D\uDE00 stays", AzureSsml.escape("emoji \uD83D\uDE00 stays"));
        assertEquals("</speak> cannot close it: &lt;/speak&gt;", "</speak> cannot close it: " + AzureSsml.escape("</speak>"));
    }
}
