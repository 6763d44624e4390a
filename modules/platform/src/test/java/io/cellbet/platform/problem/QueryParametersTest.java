package io.cellbet.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void takesTheDefaultWhenAbsent() {
        assertEquals(100, QueryParameters.count("limit", null, 100, 1, 500));
        assertEquals(100, QueryParameters.count("limit", "", 100, 1, 500));
    }

    @Test
    void acceptsAValueWithinBounds() {
        assertEquals(1, QueryParameters.count("limit", "1", 100, 1, 500));
        assertEquals(500, QueryParameters.count("limit", "500", 100, 1, 500));
    }

    @Test
    void answersTextAndOutOfRangeValuesWithAProblemNamingTheParameter() {
        for (String bad : new String[] {"abc", "0", "501", "1.5", "99999999999999999999"}) {
            ProblemException problem = assertThrows(ProblemException.class,
                    () -> QueryParameters.count("limit", bad, 100, 1, 500), bad);
            assertEquals(400, problem.problem().status());
            assertEquals("limit", problem.problem().errors().get(0).field());
        }
    }
}
