package io.cellbet.cell.ops;

import static io.restassured.RestAssured.given;

/** Samples of the cell's metrics ({@code /q/metrics}, Prometheus text) as tests read them. */
public final class MetricsSamples {

    private MetricsSamples() {
    }

    /** The value of the sample {@code name} without labels; 0 while the cell has not published it. */
    public static double sample(String name) {
        String prefix = name + " ";
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()).trim())).findFirst()
                .orElse(0);
    }
}
