package io.voiceplatform.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end on the embedded provider: `speak` writes real speech, `transcribe` finds the words in it. */
@Timeout(180)
class TestSpeakThenTranscribe {
    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VoiceCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertEquals(0, code, "voice " + String.join(" ", args) + " failed: " + err);
        return out.toString();
    }

    @Test
    void transcribesWhatItSpoke(@TempDir Path dir) throws Exception {
        Path grammar = dir.resolve("grammar.conf");
        Files.writeString(grammar, "voice.providers.local.grammar = \"hello world, open the door, one two three\"\n");
        Path speech = dir.resolve("door.wav");
        long start = System.nanoTime();
        String spoke = run("speak", "open the door", "-o", speech.toString());
        long spoken = System.nanoTime();
        assertTrue(spoke.startsWith("wrote " + speech), spoke);
        assertEquals("RIFF", new String(Files.readAllBytes(speech), 0, 4));
        String heard = run("--config", grammar.toString(), "transcribe", speech.toString());
        long heardAt = System.nanoTime();
        assertEquals("open the door", heard.strip());
        String srt = run("--config", grammar.toString(), "transcribe", "--format", "srt", speech.toString());
        assertTrue(srt.startsWith("1\n00:00:0"), srt);
        assertTrue(srt.contains("open the door"), srt);
        // Free dictation with the small US-English model is approximate: reported, and only required to hear speech.
        String dictated = run("transcribe", speech.toString()).strip();
        assertFalse(dictated.isEmpty(), "free dictation heard nothing");
        System.out.printf("speak %d ms, transcribe %d ms (in-process, model load included); free dictation heard '%s'%n",
                (spoken - start) / 1_000_000, (heardAt - spoken) / 1_000_000, dictated);
    }
}
