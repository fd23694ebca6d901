package io.voiceplatform.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With voice.logging.json = true, every log line, the access log included, is one JSON object. */
@Timeout(120)
class TestJsonLogs {
    @Test
    void everyLineIsAJsonObject(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String log;
        try (ChildService child = ChildService.start(entry -> true, Map.of(), List.of("-Dvoice.logging.json=true", "-Dlogback.configurationFile=logback.xml"), dir)) {
            assertEquals(200, child.get("/health").statusCode());
            Thread.sleep(200);
            log = child.log();
        }
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() >= 2, log);
        boolean accessLogged = false;
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertTrue(event.has("level") && event.has("formattedMessage") && event.has("loggerName"), line);
            accessLogged |= event.get("formattedMessage").asText().startsWith("GET /health 200");
        }
        assertTrue(accessLogged, "the access log line is there too: " + log);
    }
}
