package io.cellbet.controlplane.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.ProblemMappers;
import java.util.List;

/**
 * Reads request bodies of the console's editors (content manager, bet limits), refusing fields they do not know:
 * a misspelt {@code "disabledSport"} must not be taken for "nothing disabled". Malformed JSON and fields of the wrong
 * type are answered by the platform's problem mappers.
 */
public final class StrictBodies {

    private final ObjectMapper json;

    public StrictBodies(ObjectMapper json) {
        this.json = json;
    }

    /** The body as {@code type}; {@code null} for an empty body or {@code null}. */
    public <T> T read(String body, Class<T> type) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (UnrecognizedPropertyException e) {
            String field = ProblemMappers.path(e.getPath());
            throw ProblemException.badRequest("unknown-field", "The request body has a field this API does not know.",
                    List.of(new Problem.FieldError(field, "is not a known field; known: " + e.getKnownPropertyIds())));
        }
    }
}
