package io.voiceplatform.tools.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voiceplatform.app.cli.VoiceCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code voice validate} run for real against the real service (in-process) over loopback. */
@Timeout(60)
class TestValidateAgainstService {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ObjectMapper json = new ObjectMapper();

    private int validate(Path dir, String switches, String... args) throws Exception {
        Path conf = dir.resolve("validate.conf");
        Files.writeString(conf, switches);
        CommandLine cli = VoiceCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "--config";
        all[1] = conf.toString();
        all[2] = "validate";
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.execute(all);
    }

    @Test
    @Timeout(30)
    void aLoadRunMeasuresEverythingAndTheExitCodeFollowsTheVerdict(@TempDir Path dir) throws Exception {
        try (ValidatedService service = new ValidatedService(dir, Duration.ofMillis(20))) {
            int code = validate(dir, "voice.performance.validation.enabled = true\n",
                    "--url", service.url(), "--users", "4", "--duration", "5s", "--timeout", "5s", "--report", dir.resolve("run").toString());
            assertTrue(Files.exists(dir.resolve("run.md")), err.toString());
            JsonNode report = json.readTree(dir.resolve("run.json").toFile());
            String verdict = report.get("verdict").asText();
            assertEquals(verdict.equals("READY") ? 0 : 1, code, out.toString());
            assertEquals(code, report.get("exit_code").asInt());

            JsonNode totals = report.get("totals");
            assertTrue(totals.get("requests").asLong() > 20, totals.toString());
            assertEquals(totals.get("requests").asLong(), totals.get("successes").asLong(), report.get("errors").toString());
            assertEquals(0, totals.get("lost").asLong());
            for (String operation : new String[]{"STT", "TTS"}) {
                JsonNode summary = report.get("operations").get(operation);
                assertTrue(summary.get("successes").asLong() > 0, operation);
                assertTrue(summary.get("latency").get("p95_ms").asDouble() >= 20, "the upstream alone takes 20 ms: " + summary);
            }
            // The upstream got one call per MISS the run counted, plus the speaking of the transcription inputs: hits never reach it.
            long upstreamCalls = service.upstream.transcriptions() + service.upstream.speeches();
            JsonNode headers = report.get("cache").get("header_values");
            assertEquals(headers.get("MISS").asLong() + TranscriptionInputs.SENTENCES.size(), upstreamCalls, headers.toString());
            assertEquals(totals.get("requests").asLong(), headers.get("MISS").asLong() + headers.get("HIT").asLong());

            JsonNode cache = report.get("cache");
            assertTrue(cache.get("counted").asLong() > 5, cache.toString());
            assertTrue(cache.get("hit_ratio_percent").asDouble() >= 85, cache.toString());

            JsonNode resources = report.get("resources");
            assertTrue(resources.get("samples").asInt() >= 3, resources.toString());
            assertTrue(resources.get("heap_max_mb").asDouble() > 0);
            assertTrue(resources.get("threads_max").asDouble() > 0);
            assertFalse(resources.get("heap_slope_mb_per_min").isNull());
            assertEquals(8, report.get("checks").size());

            String markdown = Files.readString(dir.resolve("run.md"));
            assertTrue(markdown.startsWith("# Voice Platform validation: " + verdict), markdown);
            assertTrue(markdown.contains("| STT |") && markdown.contains("| TTS |"));
            assertTrue(out.toString().startsWith("verdict: " + verdict), out.toString());
            assertTrue(err.toString().contains("validate:    5s"), "a progress line every 5 s: " + err);
        }
    }

    @Test
    @Timeout(30)
    void withLoadTestingDisabledItIsASingleUserSmokePassOfAtMostTwentyRequests(@TempDir Path dir) throws Exception {
        try (ValidatedService service = new ValidatedService(dir, Duration.ofMillis(5))) {
            validate(dir, "voice.performance.validation.load-testing-enabled = false\n",
                    "--url", service.url(), "--users", "8", "--duration", "10s", "--report", dir.resolve("smoke.json").toString());
            JsonNode report = json.readTree(dir.resolve("smoke.json").toFile());
            assertTrue(report.get("parameters").get("smoke_pass").asBoolean());
            assertEquals(1, report.get("parameters").get("users").asInt());
            assertEquals(20, report.get("totals").get("requests").asLong());
            assertTrue(report.get("totals").get("elapsed_seconds").asDouble() < 9, "stopped at 20 requests, not at the duration");
            assertTrue(Files.readString(dir.resolve("smoke.md")).contains("single-user smoke pass"));
        }
    }

    @Test
    void withValidationDisabledItRefusesWithOneLineAndExitCode78(@TempDir Path dir) throws Exception {
        int code = validate(dir, "voice.performance.validation.enabled = off\n", "--url", "http://127.0.0.1:9", "--report",
                dir.resolve("never").toString());
        assertEquals(78, code);
        assertEquals("error: validation is disabled (voice.performance.validation.enabled / VOICE_V2_PERFORMANCE_VALIDATION_ENABLED)",
                err.toString().strip());
        assertFalse(Files.exists(dir.resolve("never.md")));
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
        assertEquals(2, validate(dir, "", "--duration", "soon"));
        assertEquals(2, validate(dir, "", "--users", "0", "--url", "http://127.0.0.1:9"));
        assertTrue(err.toString().contains("--users must be from 1 to 10000"), err.toString());
        assertEquals(2, validate(dir, "", "--repeat-share", "1.5"));
        assertEquals(2, validate(dir, "", "--url", "ftp://example"));
    }
}
