package io.cellbet.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure of a REST call to an RFC 9457 problem: named problems as they are,
 * unreadable JSON to 400 with the offending field, JAX-RS errors (404, 405, 415) to their
 * status, and anything unexpected to a 500 that carries an error id, never a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        return answer(exception);
    }

    /** Ahead of Quarkus's own mapper of this type, which answers with an empty body. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedJson(MismatchedInputException exception) {
        return unreadableJson(exception);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unreadableJson(JsonProcessingException exception) {
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && !endOfInput(mapping)) {
            String field = path(mapping.getPath());
            String message = exception instanceof InvalidFormatException || exception instanceof MismatchedInputException
                    ? "has the wrong type or format"
                    : "is invalid";
            return answer(Problem.of(400, "invalid-json", "Invalid request",
                    "The request body has a field of the wrong type.", List.of(new Problem.FieldError(field, message))));
        }
        return answer(Problem.of(400, "malformed-json", "Invalid request",
                "The request body is not well-formed JSON: " + exception.getOriginalMessage(), null));
    }

    /**
     * A body cut short inside a field ({@code {"transfers": [}) is malformed, not a field of the wrong type: the
     * parser's error arrives wrapped with the path of the field being read.
     */
    private static boolean endOfInput(JsonMappingException exception) {
        return exception.getCause() instanceof JsonParseException
                || exception.getOriginalMessage() != null && exception.getOriginalMessage().startsWith("Unexpected end-of-input");
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response webApplication(WebApplicationException exception) {
        if (exception.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(exception);
        }
        String reason = exception.getResponse().getStatusInfo().getReasonPhrase();
        String code = reason.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return answer(Problem.of(status, code, reason, exception.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(exception, "unexpected error %s", errorId);
        return answer(Problem.of(500, "internal-error", "Internal error",
                "The request failed unexpectedly; nothing was changed. Quote error id " + errorId + ".", null));
    }

    /** The JSON path a Jackson error points at, as problem field errors name it ({@code transfers[0].amountMinor}). */
    public static String path(List<JsonMappingException.Reference> references) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** The exception's problem as a response, with the exception's headers: what an endpoint throwing it answers. */
    public static Response answer(ProblemException exception) {
        if (exception.headers().isEmpty()) {
            return answer(exception.problem());
        }
        Response.ResponseBuilder answer = Response.fromResponse(answer(exception.problem()));
        exception.headers().forEach(answer::header);
        return answer.build();
    }

    /** The problem as a response with its status and media type. */
    public static Response answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
