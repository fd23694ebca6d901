package io.voiceplatform.tools.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The report for machines: the same data as the Markdown, snake_case keys, times in milliseconds, shares in
 * percent, sizes in MB; each check also carries its {@code status} (PASS, NEAR_MISS, MISS, NOT_MEASURED).
 */
final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String render(ValidationReport report) {
        try {
            ObjectNode root = JSON.valueToTree(report);
            ArrayNode checks = (ArrayNode) root.get("checks");
            for (int i = 0; i < report.checks().size(); i++) {
                ((ObjectNode) checks.get(i)).put("status", report.checks().get(i).status().name());
            }
            root.put("exit_code", report.verdict().exitCode());
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
