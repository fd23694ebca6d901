package io.voiceplatform.providers.support;

import java.io.IOException;

/**
 * Reads a successful answer's body into what the provider returns. A {@link io.voiceplatform.api.VoiceException}
 * it throws fails the call as it is; an {@link IOException} (a JSON parser's) or any other exception fails it as
 * {@code PROVIDER_ERROR}: an answer that cannot be read is the provider's fault.
 */
@FunctionalInterface
public interface AnswerReader<B, T> {
    T read(B body) throws IOException;
}
