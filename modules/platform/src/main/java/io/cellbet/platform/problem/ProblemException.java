package io.cellbet.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * Thrown by REST resources to answer with a problem; mapped by {@link ProblemMappers}.
 * Application code returns named rejections; the REST layer turns them into this.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** A problem answered with these response headers as well, such as {@code Retry-After}. */
    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException badRequest(String code, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, code, "Invalid request", detail, errors));
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(Problem.of(404, code, "Not found", detail, null));
    }

    public static ProblemException conflict(String code, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(409, code, "Conflict", detail, errors));
    }
}
