package io.voiceplatform.app.openai;

import io.javalin.http.Context;
import io.voiceplatform.core.registry.ProviderRegistry;
import io.voiceplatform.core.registry.RegisteredProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: {@code auto}, each provider that serves speech or
 * transcription, and each {@code provider/model} it declares; every one of them is a valid {@code model} field.
 */
final class ModelsHandler {
    private final ProviderRegistry registry;

    ModelsHandler(ProviderRegistry registry) {
        this.registry = registry;
    }

    void list(Context ctx) {
        ctx.json(Map.of("object", "list", "data", ids().stream().map(ModelsHandler::model).toList()));
    }

    void one(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ids().contains(id)) {
            throw new ApiException(new ApiError(404, "The model '" + ApiError.printable(id) + "' does not exist.",
                    "invalid_request_error", "model", "model_not_found", Optional.empty()));
        }
        ctx.json(model(id));
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add("auto");
        for (RegisteredProvider p : registry.all()) {
            if (p.stt().isEmpty() && p.tts().isEmpty()) {
                continue;
            }
            ids.add(p.id());
            List<String> models = new ArrayList<>();
            p.stt().ifPresent(stt -> models.addAll(stt.capabilities().models()));
            p.tts().ifPresent(tts -> models.addAll(tts.capabilities().models()));
            models.stream().distinct().forEach(m -> ids.add(p.id() + "/" + m));
        }
        return ids;
    }

    private static Map<String, Object> model(String id) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", "voice-platform");
        return model;
    }
}
