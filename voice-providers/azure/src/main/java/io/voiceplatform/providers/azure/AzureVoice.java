package io.voiceplatform.providers.azure;

import java.util.Optional;

/**
 * A neural voice: its full name, which starts with its locale ({@code en-US-JennyNeural}).
 *
 * @param female whether the voice is feminine, for mapping OpenAI voice names; empty when not known
 */
record AzureVoice(String name, String locale, Optional<Boolean> female) {
}
