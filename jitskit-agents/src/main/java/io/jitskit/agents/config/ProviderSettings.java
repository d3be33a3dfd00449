package io.jitskit.agents.config;

/**
 * How to reach one provider.
 *
 * @param provider {@code anthropic} or {@code openai}
 * @param baseUrl  the API's base URL
 * @param apiKey   the key, or null for a local server that needs none
 * @param keyName  where the user sets the key, for messages that name it
 * @param model    the model to ask
 */
public record ProviderSettings(String provider, String baseUrl, String apiKey, String keyName, String model) {

    @Override
    public String toString() {
        // Never the key: records print every component by default.
        return provider + " " + model + " at " + baseUrl;
    }
}
