package io.socketee.socketio.cdi;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A payload with constraints for {@link PayloadValidationTest}. */
public record Order(@NotBlank String customer, @Size(max = 2) List<@Valid Line> lines) {
    /** One line of an order. */
    public record Line(@NotBlank String item, @Positive int quantity) {
    }
}
