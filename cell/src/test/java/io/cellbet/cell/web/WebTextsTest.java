package io.cellbet.cell.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web app's texts: the German translation is complete and consistent with English; the language choice. */
class WebTextsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    private final WebTexts texts = new WebTexts();

    @Test
    void germanIsComplete() {
        assertTrue(texts.missing("de").isEmpty(), () -> "German lacks " + texts.missing("de"));
    }

    @Test
    void germanKeepsEveryPlaceholderOfEnglish() {
        Map<String, String> english = texts.of("en");
        Map<String, String> german = texts.of("de");
        Map<String, String> mismatches = new TreeMap<>();
        english.forEach((key, text) -> {
            Set<String> expected = placeholders(text);
            Set<String> actual = placeholders(german.get(key));
            if (!expected.equals(actual)) {
                mismatches.put(key, "en " + expected + " vs de " + actual);
            }
        });
        assertEquals(Map.of(), mismatches);
    }

    @Test
    void languageIsTheExplicitChoiceIfSupported() {
        assertEquals("de", WebTexts.language("de", "en-GB"));
        assertEquals("en", WebTexts.language("en", "de-AT"));
    }

    @Test
    void languageElseFollowsTheBrandDefaultLocale() {
        assertEquals("de", WebTexts.language(null, "de-AT"));
        assertEquals("de", WebTexts.language("fr", "de-AT"));
        assertEquals("de", WebTexts.language(null, "de_DE"));
        assertEquals("en", WebTexts.language(null, "en-GB"));
    }

    @Test
    void languageElseIsEnglish() {
        assertEquals("en", WebTexts.language(null, null));
        assertEquals("en", WebTexts.language("fr", null));
        assertEquals("en", WebTexts.language("fr", "fr-FR"));
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        if (text != null) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
