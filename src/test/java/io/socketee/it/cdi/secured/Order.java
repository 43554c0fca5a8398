package io.socketee.it.cdi.secured;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;

/** A payload with constraints: a customer and lines, each validated ({@code @Valid} on the element type). */
public record Order(@NotBlank String customer, List<@Valid Line> lines) {
    /** One line of an order. */
    public record Line(@NotBlank String item, @Positive int quantity) {
    }
}
