package io.voiceplatform.providers.google;

import io.voiceplatform.api.ErrorKind;
import io.voiceplatform.providers.support.ErrorReader;

import java.util.Optional;

/** Google's error bodies ({@link GoogleError}); a rejected API key is an authentication failure though Google answers it with 400. */
final class GoogleErrorReader implements ErrorReader {
    @Override
    public Optional<String> message(byte[] body) {
        return GoogleError.read(body).map(GoogleError::describe);
    }

    @Override
    public Optional<ErrorKind> kind(int status, byte[] body) {
        return GoogleError.read(body).filter(GoogleError::keyRejected).map(error -> ErrorKind.AUTHENTICATION);
    }
}
