package io.voiceplatform.providers.support;

import io.voiceplatform.api.ErrorKind;

import java.util.Optional;

/**
 * A provider's documented error body: the message a user can act on and, where the provider's status says
 * something else than it means, the {@link ErrorKind} it means. The status decides the kind otherwise.
 */
@FunctionalInterface
public interface ErrorReader {
    /** Reads nothing: a failure then quotes the start of whatever the provider answered. */
    ErrorReader NONE = body -> Optional.empty();

    /** The provider's message, when {@code body} has the documented shape. */
    Optional<String> message(byte[] body);

    /** The kind the provider means, when its status alone would map it wrongly (an exhausted quota sent as 401). */
    default Optional<ErrorKind> kind(int status, byte[] body) {
        return Optional.empty();
    }
}
