package io.voiceplatform.app.openai;

import io.voiceplatform.core.pipeline.Routing;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@code model} field asks for: {@code auto} and OpenAI's own model names use the configured
 * chain; {@code <provider>} or {@code <provider>/<model>} pins that provider first.
 *
 * @param routing   the routing for the orchestrator
 * @param modelHint the provider's model, for {@code <provider>/<model>}
 */
public record ModelRoute(Routing routing, Optional<String> modelHint) {
    /** OpenAI's audio model names: clients send them by default, and they mean "the configured chain" here. */
    static final Set<String> OPENAI_MODELS = Set.of("whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe",
            "tts-1", "tts-1-hd", "gpt-4o-mini-tts");

    /**
     * @param providers the providers that can serve the operation
     * @throws ApiException a 404 on {@code model} when it names no known provider
     */
    static ModelRoute of(String model, List<String> providers) {
        return parse(model, providers).orElseThrow(() -> new ApiException(new ApiError(404,
                "The model '" + ApiError.printable(model) + "' does not exist. Use auto, an OpenAI model name, a provider ("
                        + String.join(", ", providers) + ") or provider/model.", "invalid_request_error", "model",
                "model_not_found", Optional.empty())));
    }

    /**
     * @param providers the providers that can serve the operation
     * @return empty when the model names no known provider
     */
    private static Optional<ModelRoute> parse(String model, List<String> providers) {
        if (model == null || model.isBlank() || model.equals("auto") || OPENAI_MODELS.contains(model)) {
            return Optional.of(new ModelRoute(Routing.auto(), Optional.empty()));
        }
        int slash = model.indexOf('/');
        String provider = slash < 0 ? model : model.substring(0, slash);
        if (!providers.contains(provider)) {
            return Optional.empty();
        }
        Optional<String> hint = slash < 0 ? Optional.empty() : Optional.of(model.substring(slash + 1)).filter(m -> !m.isBlank());
        return Optional.of(new ModelRoute(Routing.pin(provider), hint));
    }
}
