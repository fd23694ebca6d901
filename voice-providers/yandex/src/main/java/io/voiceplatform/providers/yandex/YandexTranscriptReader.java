package io.voiceplatform.providers.yandex;

import com.fasterxml.jackson.databind.JsonNode;
import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.api.Transcript;
import io.voiceplatform.api.VoiceException;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads a synchronous recognition answer, {@code {"result": "<text>"}}
 * (https://yandex.cloud/en/docs/speechkit/stt/api/request-api). API v1 gives neither confidence nor timings,
 * so a transcript has none; silence is an empty result.
 */
final class YandexTranscriptReader {
    private YandexTranscriptReader() {
    }

    /**
     * @param language the {@code lang} code recognized
     * @param duration the length of the audio sent, or zero when not known here
     * @param topic    the recognition model used
     */
    static Transcript read(JsonNode root, String language, Duration duration, String topic) {
        JsonNode result = root.path("result");
        if (!result.isTextual()) {
            throw VoiceException.of(ErrorKind.PROVIDER_ERROR, YandexPlugin.ID, "Yandex answered without a result text", null);
        }
        return new Transcript(result.asText(), language, OptionalDouble.empty(), duration, List.of(), List.of(),
                YandexPlugin.ID, topic);
    }
}
