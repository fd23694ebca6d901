package io.voiceplatform.providers.support;

import io.voiceplatform.api.plugin.ProviderSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs of provider calls: a root URL setting, read as absolute http or https and kept without a trailing
 * slash so paths append cleanly, and values encoded for a query or a form.
 */
public final class HttpUrls {
    private HttpUrls() {
    }

    public static URI base(ProviderSettings settings, String key, String defaultValue) {
        String text = settings.getString(key, defaultValue).trim();
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(text, "not an absolute http(s) URL without query");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(settings.section() + "." + key + " = '" + text
                    + "' is not an http(s) URL such as " + "https://api.example.com", e);
        }
    }

    /** {@code value} encoded as a query or form value (UTF-8). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
