package io.cellbet.cell.web;

import io.cellbet.contracts.config.BrandConfig;
import java.util.List;

/** Who may frame a brand's app: the origins its embedding configuration allows. */
final class WebEmbedding {

    private WebEmbedding() {
    }

    /** The origins allowed to embed the brand's app in an iframe; none when the brand does not embed it. */
    static List<String> allowedOrigins(BrandConfig brand) {
        BrandConfig.Embedding embedding = brand.embedding();
        if (embedding == null || embedding.allowedOrigins() == null) {
            return List.of();
        }
        // The control plane checked each origin's form; a cell still refuses anything that could widen the header.
        return embedding.allowedOrigins().stream()
                .filter(origin -> origin != null && origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?"))
                .toList();
    }
}
