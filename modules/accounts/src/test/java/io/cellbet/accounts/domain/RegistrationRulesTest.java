package io.cellbet.accounts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellbet.platform.problem.Problem.FieldError;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @Test
    void acceptsAnAdultWithAStrongPassword() {
        assertEquals(List.of(), check("ann@example.com", null, "Correct-Horse-42", "2008-12-04"));
        assertEquals(List.of(), check(null, "ann_99", "correct horse 42", "1950-01-01"));
    }

    @Test
    void theEighteenthBirthdayIsTheFirstDay() {
        assertEquals(List.of(), check("ann@example.com", null, "Correct-Horse-42", "2008-12-04"));
        assertEquals(List.of("dateOfBirth"), fields(check("ann@example.com", null, "Correct-Horse-42", "2008-12-05")));
        assertEquals(List.of("dateOfBirth"), fields(check("ann@example.com", null, "Correct-Horse-42", "2027-01-01")));
        assertEquals(List.of("dateOfBirth"), fields(check("ann@example.com", null, "Correct-Horse-42", "1900-01-01")));
    }

    @Test
    void refusesWeakPasswords() {
        for (String weak : List.of("Short-1", "lowercaseonly", "ALLUPPER1234", "0123456789", "Ann-Is-Great-1")) {
            assertEquals(List.of("password"), fields(check("ann@example.com", "ann_99", weak, "1990-01-01")), weak);
        }
    }

    @Test
    void refusesBadNames() {
        assertEquals(List.of("email"), fields(check("ann@", null, "Correct-Horse-42", "1990-01-01")));
        assertEquals(List.of("username"), fields(check(null, "a b", "Correct-Horse-42", "1990-01-01")));
        assertEquals(List.of("username"), fields(check(null, "ann@home", "Correct-Horse-42", "1990-01-01")));
    }

    private static List<FieldError> check(String email, String username, String password, String dateOfBirth) {
        return RegistrationRules.check(new RegistrationRules.Application(email, username, password, dateOfBirth, "DE",
                "EUR"), TODAY, 18, List.of("EUR", "GBP"));
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
