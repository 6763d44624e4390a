package io.cellbet.cell.ledger;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Accounts and money for wallet tests, made through the wallet's REST API. */
final class WalletFixtures {

    private WalletFixtures() {
    }

    static long openPlayer(String brand, String playerId, String currency) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("brand", brand, "playerId", playerId, "kind", "cash", "currency", currency))
                .when().post("/api/wallet/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long openHouse(String brand, String kind, String currency) {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("brand", brand, "kind", kind, "currency", currency))
                .when().post("/api/wallet/accounts");
        return response.then().extract().jsonPath().getLong("id");
    }

    static Response transfer(String key, long debit, long credit, long amountMinor, String currency) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("idempotencyKey", key, "transfers", List.of(leg(debit, credit, amountMinor, currency))))
                .when().post("/api/wallet/transfers");
    }

    static Map<String, Object> leg(long debit, long credit, long amountMinor, String currency) {
        return Map.of("debitAccountId", debit, "creditAccountId", credit, "amountMinor", amountMinor,
                "currency", currency, "type", "test");
    }

    /** Deposits into a player account from the brand's payments clearing account. */
    static void deposit(String brand, long playerAccount, long amountMinor, String currency) {
        long clearing = openHouse(brand, "payments_clearing", currency);
        transfer("deposit-" + UUID.randomUUID(), clearing, playerAccount, amountMinor, currency)
                .then().statusCode(201);
    }

    static long balance(long account) {
        return given().when().get("/api/wallet/accounts/" + account).then().statusCode(200).extract().jsonPath()
                .getLong("balanceMinor");
    }

    static long available(long account) {
        return given().when().get("/api/wallet/accounts/" + account).then().statusCode(200).extract().jsonPath()
                .getLong("availableMinor");
    }
}
