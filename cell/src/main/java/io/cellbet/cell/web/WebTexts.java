package io.cellbet.cell.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The web app's texts per language, from the resource bundle {@code webapp/messages_<lang>.properties} (UTF-8).
 * English is complete and the fallback of every other language: a key a translation lacks shows in English.
 */
@ApplicationScoped
public class WebTexts {

    /** The languages the app speaks, the first the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "de");

    private final Map<String, Map<String, String>> byLanguage;

    public WebTexts() {
        Map<String, String> english = load("en");
        Map<String, Map<String, String>> loaded = new TreeMap<>();
        for (String language : LANGUAGES) {
            Map<String, String> texts = new TreeMap<>(english);
            texts.putAll(load(language));
            loaded.put(language, Collections.unmodifiableMap(texts));
        }
        this.byLanguage = Collections.unmodifiableMap(loaded);
    }

    /** The texts of a language the app speaks; English for any other. */
    public Map<String, String> of(String language) {
        return byLanguage.getOrDefault(language, byLanguage.get(LANGUAGES.get(0)));
    }

    /** The keys a language leaves to English (empty for a complete translation). */
    public List<String> missing(String language) {
        Map<String, String> own = load(language);
        return load("en").keySet().stream().filter(key -> !own.containsKey(key)).toList();
    }

    /**
     * The app's language for a request: an explicit choice if the app speaks it, else the brand's default locale's
     * language, else English.
     */
    public static String language(String chosen, String brandDefaultLocale) {
        if (chosen != null && LANGUAGES.contains(chosen)) {
            return chosen;
        }
        if (brandDefaultLocale != null) {
            String language = brandDefaultLocale.split("[-_]")[0].toLowerCase(java.util.Locale.ROOT);
            if (LANGUAGES.contains(language)) {
                return language;
            }
        }
        return LANGUAGES.get(0);
    }

    private static Map<String, String> load(String language) {
        String name = "webapp/messages_" + language + ".properties";
        try (InputStream in = WebTexts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Resource bundle " + name + " is missing");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new TreeMap<>();
            properties.forEach((key, value) -> texts.put((String) key, (String) value));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
