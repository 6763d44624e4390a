package io.cellbet.cell.web;

import io.cellbet.contracts.config.BrandConfig;
import java.util.List;

/** Who may frame a brand's app: the origins its embedding configuration allows. */
final class WebEmbedding {

    private WebEmbedding() {
    }

    /** The origins allowed to embed the brand's app in an iframe; none when the brand does not embed it. */
    static List<String> allowedOrigins(BrandConfig brand) {
        return List.of();
    }
}
